import { describe, expect, it } from "vitest";
import { misconfigurationOf } from "./misconfiguration";

const since = new Date("2026-12-03T09:00:00Z");
const blocked = "blocked by network policy (10.0.0.5 is a private address; private targets are not allowed for this client)";

describe("misconfigurationOf", () => {
  it("flags a refused check (policy, invalid URL) from the stored rule, with its reason and since when", () => {
    expect(misconfigurationOf({ status: "unknown", statusRule: "blocked_private", statusReason: blocked, statusChangedAt: since })).toEqual({ reason: blocked, since });
    expect(misconfigurationOf({ status: "unknown", statusRule: "blocked_by_policy", statusReason: "x", statusChangedAt: since })).toEqual({ reason: "x", since });
    expect(misconfigurationOf({ status: "unknown", statusRule: "invalid_target", statusReason: "invalid URL", statusChangedAt: since })).toEqual({ reason: "invalid URL", since });
  });

  it("flags a name that never resolved (unknown, like a refused check), with the stored reason", () => {
    const reason = "name never resolved (DNS lookup failed for api.acme.tset)";
    expect(misconfigurationOf({ status: "unknown", statusRule: "dns_never_resolved", statusReason: reason, statusChangedAt: since })).toEqual({ reason, since });
    // Down under that rule is not a state record-check writes any more; it is not a misconfiguration.
    expect(misconfigurationOf({ status: "down", statusRule: "dns_never_resolved", statusReason: reason, statusChangedAt: since })).toBeNull();
  });

  it("never reads the reason text: an outage, a DNS failure of a name that resolved before, or no rule is not misconfigured", () => {
    expect(misconfigurationOf({ status: "down", statusRule: "dns_error", statusReason: "DNS lookup failed for a.test", statusChangedAt: since })).toBeNull();
    expect(misconfigurationOf({ status: "down", statusRule: "http_5xx", statusReason: blocked, statusChangedAt: since })).toBeNull();
    expect(misconfigurationOf({ status: "unknown", statusRule: null, statusReason: blocked, statusChangedAt: since })).toBeNull();
    expect(misconfigurationOf({ status: "unknown", statusRule: null, statusReason: null, statusChangedAt: null })).toBeNull();
    // a rule left over from a refusal does not flag a system whose status has moved on
    expect(misconfigurationOf({ status: "healthy", statusRule: "blocked_private", statusReason: "HTTP 200", statusChangedAt: since })).toBeNull();
  });
});
