import { describe, expect, it } from "vitest";
import { headerIssues, isWebhookSecret, generateWebhookSecret, maskDestination } from "@/lib/alerts/channels/destination";
import { canonicalComparison, defaultSeverity, defaultWindow, describeRule, formatWindow, thresholdProblem, windowProblem } from "./metric-rules";

describe("alert rule words and defaults", () => {
  it("reads comparisons in the seed's words, symbols and short forms", () => {
    expect(["greater_than", ">", "gt", "GT"].map(canonicalComparison)).toEqual(Array(4).fill("greater_than"));
    expect(["<=", "lte", "less_or_equal"].map(canonicalComparison)).toEqual(Array(3).fill("less_or_equal"));
    expect(["=", "==", "eq", "equals"].map(canonicalComparison)).toEqual(Array(4).fill("equals"));
    expect(canonicalComparison("above")).toBeUndefined();
  });

  it("describes rules in plain words", () => {
    expect(describeRule({ metric: "uptime", comparison: "less_than", threshold: 95, windowMinutes: 1440 })).toBe("uptime over 24 h < 95 %");
    expect(describeRule({ metric: "uptime", comparison: "less_than", threshold: 99.9, windowMinutes: 7 * 1440 })).toBe("uptime over 7 d < 99.9 %");
    expect(describeRule({ metric: "response_time", comparison: "greater_than", threshold: 5000, windowMinutes: 0 })).toBe("response time of the last check > 5000 ms");
    expect(describeRule({ metric: "response_time", comparison: "greater_than", threshold: 5000, windowMinutes: 90 })).toBe("p95 response time over 90 min > 5000 ms");
    expect(describeRule({ metric: "status", comparison: "greater_or_equal", threshold: 1, windowMinutes: 0 })).toBe("status is degraded or down");
    expect(describeRule({ metric: "status", comparison: "equals", threshold: 2, windowMinutes: 0, forCount: 3 })).toBe("status is down, 3 evaluations in a row");
    expect(describeRule({ metric: "flapping", comparison: "equals", threshold: 1, windowMinutes: 0 })).toBe("client is flapping");
    expect(describeRule({ metric: "daily_automations", comparison: "less_than", threshold: 10, windowMinutes: 0 })).toBe("automations today < 10");
    expect(formatWindow(45)).toBe("45 min");
  });

  it("fills defaults by metric: windows, and critical only for down-type rules", () => {
    expect([defaultWindow("uptime"), defaultWindow("response_time"), defaultWindow("status"), defaultWindow("sla")]).toEqual([1440, 60, 0, 0]);
    expect(defaultSeverity("uptime", "less_than", 95)).toBe("critical");
    expect(defaultSeverity("status", "greater_or_equal", 2)).toBe("critical");
    expect(defaultSeverity("status", "greater_or_equal", 1)).toBe("warning");
    expect(defaultSeverity("response_time", "greater_than", 5000)).toBe("warning");
  });

  it("refuses thresholds and windows that make no sense for the metric", () => {
    expect(thresholdProblem("uptime", 101)).toMatch(/0 to 100/);
    expect(thresholdProblem("uptime", 95)).toBeUndefined();
    expect(thresholdProblem("status", 1.5)).toMatch(/1 \(degraded/);
    expect(thresholdProblem("daily_automations", 2.5)).toMatch(/whole number/);
    expect(windowProblem("sla", 60)).toMatch(/does not apply/);
    expect(windowProblem("success_rate", 0)).toMatch(/at least 5/);
    expect(windowProblem("response_time", 0)).toBeUndefined();
  });
});

describe("channel destinations", () => {
  it("masks URLs to scheme://host/…last4 and keeps email addresses", () => {
    expect(maskDestination("slack", "https://hooks.slack.com/services/T000/B000/XXXXabcd")).toBe("https://hooks.slack.com/…abcd");
    expect(maskDestination("webhook", "https://example.com/")).toBe("https://example.com/");
    expect(maskDestination("webhook", "https://example.com/hook?token=s3cr3t99")).toBe("https://example.com/…3t99");
    expect(maskDestination("email", "a@x.example, b@y.example")).toBe("a@x.example, b@y.example");
  });

  it("generates Standard Webhooks secrets and checks headers", () => {
    const secret = generateWebhookSecret();
    expect(isWebhookSecret(secret)).toBe(true);
    expect(isWebhookSecret("whsec_short")).toBe(false);
    expect(headerIssues({ "X-Ok": "fine" })).toEqual([]);
    expect(headerIssues({ "Bad Name": "x" })[0].path).toBe("headers.Bad Name");
    expect(headerIssues({ "X-A": "a\nb" })[0].message).toMatch(/line breaks/);
    expect(headerIssues({ "webhook-signature": "v1,x" })[0].message).toMatch(/set by ClientPulse/);
    expect(headerIssues(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`X-${i}`, "v"])))[0]).toEqual({ path: "headers", message: "at most 10 headers" });
  });
});
