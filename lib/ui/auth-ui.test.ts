import { describe, expect, it } from "vitest";
import { apiKeyAccessLabel, apiKeyStatus, expiryDaysFromText } from "./api-keys";
import { auditSummaryPairs } from "./audit";
import { safeNextPath, signInNotice } from "./auth-paths";
import { permissionsFor } from "./permissions";

describe("safeNextPath (no open redirects after sign-in)", () => {
  it.each([
    ["/clients/acme?tab=systems#x", "/clients/acme?tab=systems#x"],
    ["/settings", "/settings"],
  ])("keeps the same-site path %s", (input, expected) => expect(safeNextPath(input)).toBe(expected));

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/sign-in",
    "/setup?x=1",
    "/ok\nLocation: https://evil.example",
    "",
    undefined,
    42,
    `/${"a".repeat(3000)}`,
  ])("sends %j to /", (input) => expect(safeNextPath(input)).toBe("/"));
});

describe("signInNotice", () => {
  it("knows its notices and ignores anything else", () => {
    expect(signInNotice("signed-out")).toBe("You have been signed out.");
    expect(signInNotice("<script>")).toBeNull();
    expect(signInNotice("toString")).toBeNull();
  });
});

describe("API key display", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");
  it("derives the status from revocation and expiry", () => {
    expect(apiKeyStatus({ revoked_at: null, expires_at: null }, now)).toBe("active");
    expect(apiKeyStatus({ revoked_at: null, expires_at: "2026-11-22T00:00:00Z" }, now)).toBe("active");
    expect(apiKeyStatus({ revoked_at: null, expires_at: "2026-11-21T12:00:00Z" }, now)).toBe("expired");
    expect(apiKeyStatus({ revoked_at: "2026-11-20T00:00:00Z", expires_at: "2026-11-19T00:00:00Z" }, now)).toBe("revoked");
  });
  it("labels access and reads the expiry field", () => {
    expect(apiKeyAccessLabel(["read", "write"])).toBe("Read & write");
    expect(apiKeyAccessLabel(["read"])).toBe("Read only");
    expect(expiryDaysFromText(" ")).toBeNull();
    expect(expiryDaysFromText("90")).toBe(90);
    expect(expiryDaysFromText("ninety")).toBe("ninety");
  });
});

describe("auditSummaryPairs", () => {
  it("shows only the fields a change changed", () => {
    expect(auditSummaryPairs({ before: { role: "admin", name: "A" }, after: { role: "viewer", name: "A" } })).toEqual([{ key: "role", value: "admin → viewer" }]);
  });
  it("lists a creation's fields and caps long summaries", () => {
    expect(auditSummaryPairs({ after: { name: "Acme", systems: ["API", "Worker"] } }).map((p) => p.key)).toEqual(["name", "systems"]);
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const pairs = auditSummaryPairs(many, 8);
    expect(pairs).toHaveLength(8);
    expect(pairs[7]).toEqual({ key: "…", value: "13 more" });
  });
  it("handles empty and odd summaries", () => {
    expect(auditSummaryPairs(null)).toEqual([]);
    expect(auditSummaryPairs("text")).toEqual([{ key: "summary", value: expect.any(String) }]);
  });
});

describe("permissionsFor hides exactly what the verbs refuse", () => {
  it("per role", () => {
    expect(permissionsFor("admin")).toEqual({ write: true, admin: true });
    expect(permissionsFor("editor")).toEqual({ write: true, admin: false });
    expect(permissionsFor("viewer")).toEqual({ write: false, admin: false });
  });
});
