import { describe, expect, it } from "vitest";
import { classifyProbe, type ClassifyProbeInput, type ProbeErrorKind, type ProbeOutcome } from "./classify-probe";

const JSON_CT = "application/json; charset=utf-8";
const HEALTH_CT = "application/health+json";

function http(status: number, body: unknown = "", contentType: string | null = JSON_CT): ProbeOutcome {
  return { ok: true, status, contentType, body: typeof body === "string" ? body : JSON.stringify(body) };
}
function fail(kind: ProbeErrorKind, message: string): ProbeOutcome {
  return { ok: false, error: { kind, message } };
}
function classify(outcome: ProbeOutcome, extra: Partial<ClassifyProbeInput> = {}) {
  return classifyProbe({ outcome, responseTimeMs: 120, degradedThresholdMs: 2000, ...extra });
}

const SEED_HEALTHY = {
  status: "healthy",
  timestamp: "2026-11-21T10:00:00Z",
  uptime_percentage: 99.8,
  endpoints_checked: 5,
  endpoints_healthy: 5,
  response_time_ms: 245.3,
  system_info: { version: "1.2.0", environment: "production" },
};

describe("classifyProbe: network errors", () => {
  it("is down with the fetcher's message as the reason", () => {
    expect(classify(fail("dns", "getaddrinfo ENOTFOUND api.acme.test"))).toEqual({
      status: "down",
      reason: "getaddrinfo ENOTFOUND api.acme.test",
      rule: "dns_error", // its own rule: record-check tells a name that never resolved apart
      httpStatus: null,
      reportedUptime: null,
      format: null,
    });
    expect(classify(fail("connect", "connect ECONNREFUSED 10.0.0.5:443"))).toMatchObject({ status: "down", reason: "connect ECONNREFUSED 10.0.0.5:443", rule: "network_error" });
    expect(classify(fail("tls", "certificate has expired"))).toMatchObject({ status: "down", reason: "certificate has expired", rule: "network_error" });
    expect(classify(fail("too_large", "response body larger than 1 MB"))).toMatchObject({ status: "down", rule: "network_error" });
    expect(classify(fail("too_many_redirects", "more than 5 redirects"))).toMatchObject({ status: "down", reason: "more than 5 redirects" });
    expect(classify(fail("protocol", "HPE_INVALID_HEADER_TOKEN"))).toMatchObject({ status: "down", reason: "HPE_INVALID_HEADER_TOKEN" });
  });

  it("reports a timeout with its own rule and the message verbatim", () => {
    expect(classify(fail("timeout", "timeout after 10000 ms"))).toMatchObject({ status: "down", reason: "timeout after 10000 ms", rule: "timeout" });
  });

  it("is unknown, not down, when the check could not be attempted (invalid URL), with its own rule", () => {
    expect(classify(fail("bad_url", "invalid URL (http://exa mple)"))).toEqual({
      status: "unknown",
      reason: "invalid URL (http://exa mple)",
      rule: "invalid_target",
      httpStatus: null,
      reportedUptime: null,
      format: null,
    });
    expect(classify(fail("bad_url", "")).reason).toBe("invalid URL");
  });

  it("is unknown, not down, when the network policy refused the check; private refusals get their own rule", () => {
    const priv = "blocked by network policy (10.0.0.5 is a private address; private targets are not allowed for this client)";
    expect(classify(fail("policy", priv))).toEqual({ status: "unknown", reason: priv, rule: "blocked_private", httpStatus: null, reportedUptime: null, format: null });
    expect(classify(fail("policy", "blocked by network policy (169.254.169.254 is link-local (cloud metadata))"))).toMatchObject({
      status: "unknown",
      rule: "blocked_by_policy",
    });
  });

  it("says a policy refusal is ClientPulse's network policy, with the detail", () => {
    expect(classify(fail("policy", "10.0.0.5 is a private address"))).toMatchObject({
      status: "unknown",
      reason: "blocked by network policy: 10.0.0.5 is a private address",
      rule: "blocked_by_policy",
    });
    // not doubled when the fetcher already said it; bare when there is no detail
    expect(classify(fail("policy", "Blocked by network policy: port 25")).reason).toBe("Blocked by network policy: port 25");
    expect(classify(fail("policy", "  ")).reason).toBe("blocked by network policy");
    // lib/net's safe fetch already words it this way: kept verbatim
    expect(classify(fail("policy", "blocked by network policy (169.254.169.254 is link-local (cloud metadata))")).reason).toBe(
      "blocked by network policy (169.254.169.254 is link-local (cloud metadata))",
    );
  });

  it("still gives a readable reason when the message is empty", () => {
    expect(classify(fail("timeout", "")).reason).toBe("timeout");
    expect(classify(fail("too_many_redirects", "")).reason).toBe("too many redirects error");
  });

  it("ignores latency for network errors (no response)", () => {
    expect(classify(fail("connect", "ECONNRESET"), { responseTimeMs: 9000 })).toMatchObject({ status: "down", rule: "network_error" });
  });
});

describe("classifyProbe: HTTP status", () => {
  it("is healthy on a plain 2xx with any body or none", () => {
    expect(classify(http(200, "", null))).toEqual({ status: "healthy", reason: "HTTP 200", rule: "http_ok", httpStatus: 200, reportedUptime: null, format: "plain" });
    expect(classify(http(204, "", null))).toMatchObject({ status: "healthy", reason: "HTTP 204", format: "plain" });
    expect(classify(http(200, "OK", "text/plain"))).toMatchObject({ status: "healthy", reason: "HTTP 200", format: "plain" });
    expect(classify(http(200, "<html>up</html>", "text/html"))).toMatchObject({ status: "healthy", reason: "HTTP 200" });
  });

  it("is down on 5xx, even when the body claims healthy, noting the claim", () => {
    expect(classify(http(503, "", null))).toEqual({ status: "down", reason: "HTTP 503", rule: "http_5xx", httpStatus: 503, reportedUptime: null, format: "plain" });
    expect(classify(http(503, { status: "down" }))).toMatchObject({ status: "down", reason: "HTTP 503 (reported down)", rule: "http_5xx" });
    expect(classify(http(500, SEED_HEALTHY))).toMatchObject({ status: "down", reason: "HTTP 500 (reported healthy)", rule: "http_5xx", reportedUptime: 99.8, format: "seed" });
    expect(classify(http(503, { status: "OUT_OF_SERVICE" }))).toMatchObject({ reason: "HTTP 503 (reported OUT_OF_SERVICE)", format: "actuator" });
    expect(classify(http(599, "", null))).toMatchObject({ status: "down", rule: "http_5xx" });
  });

  it("is down on 4xx by default", () => {
    expect(classify(http(404, "Not Found", "text/plain"))).toMatchObject({ status: "down", reason: "HTTP 404", rule: "http_4xx", httpStatus: 404 });
    expect(classify(http(401, { status: "UP" }))).toMatchObject({ status: "down", reason: "HTTP 401 (reported UP)", rule: "http_4xx" });
  });

  it("treats 4xx like 2xx when treat4xxAsDown is false (the service answered)", () => {
    expect(classify(http(401, "", null), { treat4xxAsDown: false })).toMatchObject({ status: "healthy", reason: "HTTP 401", rule: "http_ok" });
    // the other rules still apply
    expect(classify(http(403, { status: "fail" }, HEALTH_CT), { treat4xxAsDown: false })).toMatchObject({ status: "down", reason: "reported fail", rule: "reported_down" });
    expect(classify(http(401, "", null), { treat4xxAsDown: false, responseTimeMs: 2500 })).toMatchObject({ status: "degraded", rule: "latency" });
    // but never a 5xx
    expect(classify(http(502, "", null), { treat4xxAsDown: false })).toMatchObject({ status: "down", rule: "http_5xx" });
  });

  it("is down on codes outside 2xx/4xx/5xx (anything else = down)", () => {
    expect(classify(http(304, "", null))).toMatchObject({ status: "down", reason: "HTTP 304", rule: "http_status" });
    expect(classify(http(302, "", null), { treat4xxAsDown: false })).toMatchObject({ status: "down", reason: "HTTP 302", rule: "http_status" });
    expect(classify(http(199, "", null))).toMatchObject({ status: "down", rule: "http_status" });
    expect(classify(http(600, "", null))).toMatchObject({ status: "down", reason: "HTTP 600", rule: "http_status" });
  });

  it("checks the boundaries of each class", () => {
    expect(classify(http(299, "", null)).status).toBe("healthy");
    expect(classify(http(300, "", null)).status).toBe("down");
    expect(classify(http(399, "", null)).rule).toBe("http_status");
    expect(classify(http(400, "", null)).rule).toBe("http_4xx");
    expect(classify(http(499, "", null)).rule).toBe("http_4xx");
    expect(classify(http(500, "", null)).rule).toBe("http_5xx");
  });
});

describe("classifyProbe: seed format", () => {
  it("is healthy with the reported uptime", () => {
    expect(classify(http(200, SEED_HEALTHY))).toEqual({
      status: "healthy",
      reason: "reported healthy",
      rule: "reported_healthy",
      httpStatus: 200,
      reportedUptime: 99.8,
      format: "seed",
    });
  });

  it("follows a reported degraded or down", () => {
    expect(classify(http(200, { ...SEED_HEALTHY, status: "degraded" }))).toMatchObject({ status: "degraded", reason: "reported degraded", rule: "reported_degraded", format: "seed" });
    expect(classify(http(200, { ...SEED_HEALTHY, status: "down" }))).toMatchObject({ status: "down", reason: "reported down", rule: "reported_down", format: "seed" });
  });

  it("is degraded when fewer endpoints are healthy than checked", () => {
    expect(classify(http(200, { ...SEED_HEALTHY, status: "degraded", endpoints_healthy: 4 }))).toMatchObject({
      status: "degraded",
      reason: "reported degraded (4/5 endpoints healthy)",
      rule: "reported_degraded",
    });
    // the body said healthy, the counts say otherwise: degraded by the endpoints rule
    expect(classify(http(200, { ...SEED_HEALTHY, endpoints_healthy: 4 }))).toMatchObject({
      status: "degraded",
      reason: "4/5 endpoints healthy (reported healthy)",
      rule: "endpoints",
    });
    // counts without any status
    expect(classify(http(200, { endpoints_checked: 3, endpoints_healthy: 0 }))).toMatchObject({
      status: "degraded",
      reason: "0/3 endpoints healthy",
      rule: "endpoints",
      format: "plain",
    });
    // a reported down carries the counts as detail
    expect(classify(http(200, { ...SEED_HEALTHY, status: "down", endpoints_healthy: 0 })).reason).toBe("reported down (0/5 endpoints healthy)");
  });

  it("does not degrade when all endpoints are healthy, or counts are nonsense", () => {
    expect(classify(http(200, { ...SEED_HEALTHY, endpoints_checked: 0, endpoints_healthy: 0 })).status).toBe("healthy");
    expect(classify(http(200, { ...SEED_HEALTHY, endpoints_checked: 4, endpoints_healthy: 5 })).status).toBe("healthy");
    expect(classify(http(200, { ...SEED_HEALTHY, endpoints_checked: "5", endpoints_healthy: 4 })).status).toBe("healthy");
    expect(classify(http(200, { ...SEED_HEALTHY, endpoints_checked: 5, endpoints_healthy: 4.5 })).status).toBe("healthy");
  });

  it("reads uptime_percentage only when it is a percentage", () => {
    expect(classify(http(200, { ...SEED_HEALTHY, uptime_percentage: 0 })).reportedUptime).toBe(0);
    expect(classify(http(200, { ...SEED_HEALTHY, uptime_percentage: 100 })).reportedUptime).toBe(100);
    expect(classify(http(200, { ...SEED_HEALTHY, uptime_percentage: 100.1 })).reportedUptime).toBeNull();
    expect(classify(http(200, { ...SEED_HEALTHY, uptime_percentage: "99.8" })).reportedUptime).toBeNull();
    expect(classify(http(200, { status: "healthy" })).reportedUptime).toBeNull();
  });

  it("detects the seed by its fields even without a JSON content type", () => {
    expect(classify(http(200, SEED_HEALTHY, "text/plain"))).toMatchObject({ format: "seed", reason: "reported healthy" });
    expect(classify(http(200, { status: "down" }, null))).toMatchObject({ format: "seed", status: "down" });
  });
});

describe("classifyProbe: IETF health+json", () => {
  it("maps pass/ok/up to healthy, warn to degraded, fail/error/down to down", () => {
    expect(classify(http(200, { status: "pass" }, HEALTH_CT))).toMatchObject({ status: "healthy", reason: "reported pass", rule: "reported_healthy", format: "ietf" });
    expect(classify(http(200, { status: "ok" }, HEALTH_CT))).toMatchObject({ status: "healthy", reason: "reported ok" });
    expect(classify(http(200, { status: "up" }, HEALTH_CT))).toMatchObject({ status: "healthy", reason: "reported up" });
    expect(classify(http(200, { status: "warn" }, HEALTH_CT))).toMatchObject({ status: "degraded", reason: "reported warn", rule: "reported_degraded" });
    expect(classify(http(200, { status: "fail" }, HEALTH_CT))).toMatchObject({ status: "down", reason: "reported fail", rule: "reported_down" });
    expect(classify(http(200, { status: "error" }, HEALTH_CT))).toMatchObject({ status: "down", reason: "reported error" });
    expect(classify(http(200, { status: "down" }, HEALTH_CT))).toMatchObject({ status: "down", reason: "reported down", format: "ietf" });
  });

  it("is case-insensitive and keeps the value as sent in the reason", () => {
    expect(classify(http(200, { status: "PASS" }, HEALTH_CT))).toMatchObject({ status: "healthy", reason: "reported PASS" });
    expect(classify(http(200, { status: " Warn " }, HEALTH_CT))).toMatchObject({ status: "degraded", reason: "reported Warn" });
    expect(classify(http(200, { status: "Fail" }, "application/health+json; charset=utf-8"))).toMatchObject({ status: "down", format: "ietf" });
  });

  it("is detected by status values without the content type", () => {
    expect(classify(http(200, { status: "pass" }))).toMatchObject({ format: "ietf", status: "healthy" });
    expect(classify(http(200, { status: "warn" }, null))).toMatchObject({ format: "ietf", status: "degraded" });
  });
});

describe("classifyProbe: Spring Boot Actuator", () => {
  it("maps UP, DOWN, OUT_OF_SERVICE and UNKNOWN", () => {
    expect(classify(http(200, { status: "UP", components: {} }))).toMatchObject({ status: "healthy", reason: "reported UP", format: "actuator" });
    expect(classify(http(200, { status: "DOWN" }))).toMatchObject({ status: "down", reason: "reported DOWN", rule: "reported_down", format: "actuator" });
    expect(classify(http(200, { status: "OUT_OF_SERVICE" }))).toMatchObject({ status: "down", reason: "reported OUT_OF_SERVICE", rule: "reported_down" });
    expect(classify(http(200, { status: "UNKNOWN" }))).toMatchObject({ status: "degraded", reason: "reported UNKNOWN", rule: "reported_unknown", format: "actuator" });
  });

  it("is detected by the actuator content type", () => {
    expect(classify(http(200, { status: "up" }, "application/vnd.spring-boot.actuator.v3+json"))).toMatchObject({ format: "actuator", status: "healthy" });
  });
});

describe("classifyProbe: latency", () => {
  it("is degraded strictly above the threshold, with rounded numbers", () => {
    expect(classify(http(200, SEED_HEALTHY), { responseTimeMs: 2380 })).toMatchObject({ status: "degraded", reason: "latency 2380 ms > 2000 ms", rule: "latency", reportedUptime: 99.8 });
    expect(classify(http(200, "", null), { responseTimeMs: 2379.6 }).reason).toBe("latency 2380 ms > 2000 ms");
    expect(classify(http(200, "", null), { responseTimeMs: 2000 })).toMatchObject({ status: "healthy", reason: "HTTP 200" });
    expect(classify(http(200, "", null), { responseTimeMs: 2000.4 })).toMatchObject({ status: "degraded", rule: "latency" });
  });

  it("is disabled by a non-positive or non-finite threshold", () => {
    expect(classify(http(200, "", null), { responseTimeMs: 5000, degradedThresholdMs: 0 }).status).toBe("healthy");
    expect(classify(http(200, "", null), { responseTimeMs: 5000, degradedThresholdMs: Number.NaN }).status).toBe("healthy");
  });
});

describe("classifyProbe: bodies that don't parse", () => {
  it("calls malformed JSON degraded (it answered, but its report is lost), down when a body is required", () => {
    expect(classify(http(200, "{\"status\": \"healthy\"", JSON_CT))).toEqual({
      status: "degraded",
      reason: "unparseable JSON body (HTTP 200)",
      rule: "unparseable_body",
      httpStatus: 200,
      reportedUptime: null,
      format: "plain",
    });
    expect(classify(http(200, "{\"status\": \"healthy\"", JSON_CT), { bodyRequired: true })).toMatchObject({
      status: "down",
      reason: "unparseable JSON body",
      rule: "unparseable_body",
    });
  });

  it("requires a usable health body when bodyRequired", () => {
    expect(classify(http(200, "OK", "text/plain"), { bodyRequired: true })).toMatchObject({ status: "down", reason: "body not JSON", rule: "unparseable_body" });
    expect(classify(http(200, "{broken", "text/plain"), { bodyRequired: true })).toMatchObject({ status: "down", reason: "body not JSON" });
    expect(classify(http(200, "   ", null), { bodyRequired: true })).toMatchObject({ status: "down", reason: "empty body" });
    expect(classify(http(200, { healthy: true }), { bodyRequired: true })).toMatchObject({ status: "down", reason: "no recognised status in body" });
    expect(classify(http(200, { status: "banana" }), { bodyRequired: true })).toMatchObject({ status: "down", reason: "no recognised status in body" });
    expect(classify(http(200, [1, 2]), { bodyRequired: true })).toMatchObject({ status: "down", reason: "no recognised status in body" });
    expect(classify(http(200, SEED_HEALTHY), { bodyRequired: true })).toMatchObject({ status: "healthy", reason: "reported healthy" });
  });

  it("does not flag a text body that merely starts with a brace, without bodyRequired", () => {
    expect(classify(http(200, "{broken", "text/plain"))).toMatchObject({ status: "healthy", reason: "HTTP 200" });
  });

  it("treats an unknown status value as no status (plain)", () => {
    expect(classify(http(200, { status: "banana" }))).toMatchObject({ status: "healthy", reason: "HTTP 200", rule: "http_ok", format: "plain" });
    expect(classify(http(200, { status: 1 }))).toMatchObject({ status: "healthy", format: "plain" });
  });

  it("accepts a UTF-8 byte-order mark before JSON", () => {
    expect(classify(http(200, "\uFEFF" + JSON.stringify({ status: "down" })))).toMatchObject({ status: "down", rule: "reported_down" });
  });

  it("puts the HTTP code before the body in the reason", () => {
    expect(classify(http(502, "<html>bad gateway</html>", "text/html"), { bodyRequired: true })).toMatchObject({ status: "down", reason: "HTTP 502", rule: "http_5xx" });
  });
});

describe("classifyProbe: the worst rule wins and names the reason", () => {
  it("reported down beats slow", () => {
    expect(classify(http(200, { status: "down" }), { responseTimeMs: 9000 })).toMatchObject({ status: "down", reason: "reported down", rule: "reported_down" });
  });
  it("a reported degraded is the reason over latency (same severity, reported first)", () => {
    expect(classify(http(200, { status: "degraded" }), { responseTimeMs: 9000 })).toMatchObject({ status: "degraded", reason: "reported degraded" });
  });
  it("endpoints short names the reason over latency", () => {
    expect(classify(http(200, { ...SEED_HEALTHY, endpoints_healthy: 4 }), { responseTimeMs: 9000 }).rule).toBe("endpoints");
  });
  it("latency beats a reported healthy", () => {
    expect(classify(http(200, { status: "UP" }), { responseTimeMs: 2001 })).toMatchObject({ status: "degraded", reason: "latency 2001 ms > 2000 ms", format: "actuator" });
  });
  it("HTTP 5xx beats everything, even a slow reported down", () => {
    expect(classify(http(503, { status: "fail" }, HEALTH_CT), { responseTimeMs: 9000, bodyRequired: true })).toMatchObject({ reason: "HTTP 503 (reported fail)", rule: "http_5xx" });
  });
  it("an unusable required body beats latency", () => {
    expect(classify(http(200, "OK", "text/plain"), { bodyRequired: true, responseTimeMs: 9000 }).rule).toBe("unparseable_body");
  });
});
