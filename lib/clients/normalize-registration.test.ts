import { describe, expect, it } from "vitest";
import { ValidationError, parseInput } from "@/lib/errors";
import { endpointsFromBaseUrl, normalizeRegistration } from "./normalize-registration";
import { registerClientInputSchema } from "./schemas";

const parse = (input: unknown) => parseInput(registerClientInputSchema, input);
function issuesOf(input: unknown) {
  try {
    parse(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues!;
  }
  throw new Error("expected a ValidationError");
}

describe("endpointsFromBaseUrl", () => {
  it("appends /health and /metrics to a base URL", () => {
    expect(endpointsFromBaseUrl("https://tnt-api.example.com")).toEqual({
      healthUrl: "https://tnt-api.example.com/health",
      metricsUrl: "https://tnt-api.example.com/metrics",
    });
  });
  it("keeps a path prefix and drops a trailing slash", () => {
    expect(endpointsFromBaseUrl("https://example.com/tnt/api/")).toEqual({
      healthUrl: "https://example.com/tnt/api/health",
      metricsUrl: "https://example.com/tnt/api/metrics",
    });
  });
  it("uses a URL that already ends in /health as it is, with its sibling /metrics", () => {
    expect(endpointsFromBaseUrl("http://10.0.0.5:8080/v1/health?deep=1")).toEqual({
      healthUrl: "http://10.0.0.5:8080/v1/health?deep=1",
      metricsUrl: "http://10.0.0.5:8080/v1/metrics",
    });
  });
});

describe("normalizeRegistration", () => {
  it("pairs the seed's automation_systems with monitoring_endpoints by index", () => {
    const n = normalizeRegistration(
      parse({
        client_id: "tnt-limousine-001",
        client_name: "TNT Limousine",
        industry: "Transportation",
        automation_systems: ["Lead Processing System", "Booking Management"],
        monitoring_endpoints: ["https://tnt-api.example.com", "https://tnt-booking.example.com"],
        contact_email: "operations@tntlimo.com",
      }),
    );
    expect(n).toMatchObject({ clientId: "tnt-limousine-001", name: "TNT Limousine", slaTarget: 99.5, active: true, tags: [] });
    expect(n.systems.map((s) => [s.name, s.healthUrl, s.checkIntervalSec, s.timeoutMs, s.degradedThresholdMs])).toEqual([
      ["Lead Processing System", "https://tnt-api.example.com/health", 60, 10000, 2000],
      ["Booking Management", "https://tnt-booking.example.com/health", 60, 10000, 2000],
    ]);
  });

  it("accepts the normalised shape with per-system settings, and `name` as an alias", () => {
    const n = normalizeRegistration(
      parse({
        client_id: "acme",
        name: "  ACME  ",
        tags: ["vip", "vip", "retail"],
        sla_target: 99.9,
        systems: [{ name: "Orders", health_url: "https://acme.test/health", check_interval_seconds: 30, timeout_ms: 5000, degraded_threshold_ms: 800, confirmations: 3 }],
      }),
    );
    expect(n.name).toBe("ACME");
    expect(n.tags).toEqual(["vip", "retail"]);
    expect(n.systems[0]).toEqual({
      name: "Orders",
      healthUrl: "https://acme.test/health",
      metricsUrl: null,
      checkIntervalSec: 30,
      timeoutMs: 5000,
      degradedThresholdMs: 800,
      confirmations: 3,
      enabled: true,
    });
  });
});

describe("registration validation names each bad field", () => {
  const ok = { client_id: "acme-1", client_name: "Acme", systems: [{ name: "API", health_url: "https://acme.test/health" }] };

  it("accepts a valid registration", () => {
    expect(() => parse(ok)).not.toThrow();
  });
  it("requires a name", () => {
    expect(issuesOf({ ...ok, client_name: undefined })).toContainEqual({ path: "client_name", message: "is required" });
  });
  it("rejects an empty systems list", () => {
    expect(issuesOf({ ...ok, systems: [] }).map((i) => i.path)).toContain("systems");
  });
  it("rejects non-http(s) and malformed URLs with the system's index", () => {
    const issues = issuesOf({ ...ok, systems: [{ name: "A", health_url: "ftp://x.test" }, { name: "B", health_url: "not a url" }] });
    expect(issues).toContainEqual({ path: "systems.0.health_url", message: "must be an http:// or https:// URL" });
    expect(issues.find((i) => i.path === "systems.1.health_url")?.message).toMatch(/valid URL/);
  });
  it("rejects credentials inside URLs (they would leak into logs and screens)", () => {
    expect(issuesOf({ ...ok, systems: [{ name: "A", health_url: "https://user:pw@x.test/health" }] })[0].path).toBe("systems.0.health_url");
  });
  it("rejects a 1 MB name with a length message", () => {
    const issue = issuesOf({ ...ok, client_name: "x".repeat(1024 * 1024) })[0];
    expect(issue).toEqual({ path: "client_name", message: "must be at most 200 characters" });
  });
  it("rejects wrong types by field", () => {
    const issues = issuesOf({ ...ok, client_name: 42, sla_target: "high", systems: "API" });
    expect(issues.map((i) => i.path).sort()).toEqual(["client_name", "sla_target", "systems"]);
  });
  it("rejects a bad client_id slug", () => {
    expect(issuesOf({ ...ok, client_id: "Bad Id!" })[0].path).toBe("client_id");
  });
  it("rejects mismatched seed arrays", () => {
    const issues = issuesOf({ client_id: "acme-2", client_name: "A", automation_systems: ["A", "B"], monitoring_endpoints: ["https://a.test"] });
    expect(issues).toContainEqual({ path: "monitoring_endpoints", message: "must have one endpoint per automation system (1 endpoints for 2 systems)" });
  });
  it("rejects duplicate system names across both shapes", () => {
    const issues = issuesOf({ ...ok, automation_systems: ["api"], monitoring_endpoints: ["https://b.test"] });
    expect(issues).toContainEqual({ path: "automation_systems.0", message: 'duplicate system name "api"' });
  });
  it("rejects a timeout longer than the interval", () => {
    const issues = issuesOf({ ...ok, systems: [{ name: "A", health_url: "https://a.test", check_interval_seconds: 10, timeout_ms: 20000 }] });
    expect(issues).toContainEqual({ path: "systems.0.timeout_ms", message: "must not be longer than the check interval" });
  });
});

describe("one submission reports every problem", () => {
  it("an empty form says the name, the id and the system URL are missing together", () => {
    const issues = issuesOf({ client_id: "", client_name: "", systems: [{ name: "", health_url: "" }] });
    expect(issues.map((i) => i.path).sort()).toEqual(["client_id", "client_name", "systems.0.health_url", "systems.0.name"]);
    expect(issues.filter((i) => i.path === "systems.0.health_url")).toEqual([{ path: "systems.0.health_url", message: "is required" }]);
  });
  it("a missing name is reported next to an invalid URL", () => {
    const issues = issuesOf({ client_id: "acme-3", systems: [{ name: "A", health_url: "ftp://a.test" }] });
    expect(issues.map((i) => i.path).sort()).toEqual(["client_name", "systems.0.health_url"]);
  });
});
