// Pure glue between the edit-system dialog and the updateSystem verb: form fields → the verb's
// input, and a system → the form's initial text. What is valid is decided by the verb's
// schemas (lib/clients/schemas.ts), never here.
import type { SystemOutput } from "@/lib/clients/schemas";
import { numberOrRaw, type FormFields } from "./register-client-form";

const SYSTEM_FORM_NUMBER_FIELDS = ["check_interval_seconds", "timeout_ms", "degraded_threshold_ms", "confirmations"] as const;
export type SystemFormField = "name" | "health_url" | "metrics_url" | (typeof SYSTEM_FORM_NUMBER_FIELDS)[number];
export type SystemFormValues = Record<SystemFormField, string> & { enabled: boolean };

export const SYSTEM_FORM_LABELS: Record<SystemFormField | "enabled", string> = {
  name: "Name",
  health_url: "Health URL",
  metrics_url: "Metrics URL",
  check_interval_seconds: "Check interval",
  timeout_ms: "Timeout",
  degraded_threshold_ms: "Degraded threshold",
  confirmations: "Confirmations",
  enabled: "Monitoring",
};

export function systemFormValues(system: SystemOutput): SystemFormValues {
  return {
    name: system.name,
    health_url: system.health_url,
    metrics_url: system.metrics_url ?? "",
    check_interval_seconds: String(system.check_interval_seconds),
    timeout_ms: String(system.timeout_ms),
    degraded_threshold_ms: String(system.degraded_threshold_ms),
    confirmations: String(system.confirmations),
    enabled: system.enabled,
  };
}

function text(fields: FormFields, name: string): string {
  const value = fields.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/**
 * The dialog's fields → updateSystem's input. Every field is sent (the verb writes only what
 * differs); an emptied metrics URL clears it, an emptied number is sent as typed so the verb
 * names the field instead of silently keeping the old value; the switch sends "true"/"false".
 */
export function updateSystemInputFromForm(fields: FormFields): Record<string, unknown> {
  const input: Record<string, unknown> = {
    client_id: text(fields, "client_id"),
    system: text(fields, "system"),
    name: text(fields, "name"),
    health_url: text(fields, "health_url"),
    metrics_url: text(fields, "metrics_url") || null,
  };
  const enabled = text(fields, "enabled");
  if (enabled) input.enabled = enabled === "true" ? true : enabled === "false" ? false : enabled;
  for (const field of SYSTEM_FORM_NUMBER_FIELDS) {
    const raw = text(fields, field);
    input[field] = numberOrRaw(raw) ?? raw;
  }
  return input;
}
