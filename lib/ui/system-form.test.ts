import { describe, expect, it } from "vitest";
import { updateSystemInputSchema } from "@/lib/clients/schemas";
import { systemFormValues, updateSystemInputFromForm } from "./system-form";

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

const filled = {
  client_id: "acme-001",
  system: "Orders",
  name: " Orders v2 ",
  health_url: "https://orders.example.com/health",
  metrics_url: "",
  check_interval_seconds: "30",
  timeout_ms: "5000",
  degraded_threshold_ms: "1500",
  confirmations: "3",
  enabled: "false",
};

describe("updateSystemInputFromForm", () => {
  it("builds the verb's input: numbers as numbers, an empty metrics URL clears it, the switch as a boolean", () => {
    const input = updateSystemInputFromForm(form(filled));
    expect(input).toEqual({
      client_id: "acme-001",
      system: "Orders",
      name: "Orders v2",
      health_url: "https://orders.example.com/health",
      metrics_url: null,
      check_interval_seconds: 30,
      timeout_ms: 5000,
      degraded_threshold_ms: 1500,
      confirmations: 3,
      enabled: false,
    });
    expect(updateSystemInputSchema.safeParse(input).success).toBe(true);
  });

  it("passes empty and non-numeric numbers through, so the verb names the field", () => {
    const input = updateSystemInputFromForm(form({ ...filled, check_interval_seconds: "", confirmations: "two" }));
    const result = updateSystemInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["check_interval_seconds", "confirmations"]);
  });

  it("leaves enabled out when the form has no switch", () => {
    const { enabled: _, ...rest } = filled;
    expect(updateSystemInputFromForm(form(rest))).not.toHaveProperty("enabled");
  });
});

describe("systemFormValues", () => {
  it("is the system's settings as text (an absent metrics URL as empty)", () => {
    expect(
      systemFormValues({
        id: "x",
        name: "Orders",
        health_url: "https://orders.example.com/health",
        metrics_url: null,
        check_interval_seconds: 60,
        timeout_ms: 10_000,
        degraded_threshold_ms: 2_000,
        confirmations: 2,
        enabled: true,
        status: "unknown",
        status_reason: null,
        status_rule: null,
        last_check: null,
        response_time_ms: null,
      }),
    ).toEqual({
      name: "Orders",
      health_url: "https://orders.example.com/health",
      metrics_url: "",
      check_interval_seconds: "60",
      timeout_ms: "10000",
      degraded_threshold_ms: "2000",
      confirmations: "2",
      enabled: true,
    });
  });
});
