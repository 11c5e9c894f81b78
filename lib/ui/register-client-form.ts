// Pure glue between the register-client form and the registerClient verb: form fields → the
// verb's JSON input, and the verb's issue paths → the form's field names. Validation itself
// stays in lib/clients/schemas.ts; nothing here decides what is valid.
import type { FieldIssue } from "@/lib/errors";

/** Defaults shown in the form; the verb applies the same defaults when a field is omitted. */
export const SYSTEM_FIELD_DEFAULTS = {
  check_interval_seconds: "60",
  timeout_ms: "10000",
  degraded_threshold_ms: "2000",
} as const;
export const DEFAULT_SLA_TARGET_TEXT = "99.5";

const SYSTEM_TEXT_FIELDS = ["name", "health_url", "metrics_url"] as const;
const SYSTEM_NUMBER_FIELDS = ["check_interval_seconds", "timeout_ms", "degraded_threshold_ms"] as const;
export type SystemFieldName = (typeof SYSTEM_TEXT_FIELDS)[number] | (typeof SYSTEM_NUMBER_FIELDS)[number];

/** Form field name for one system's field, e.g. `systems.1.health_url` (the verb's issue path too). */
export function systemFieldName(index: number, field: SystemFieldName): string {
  return `systems.${index}.${field}`;
}

/** What the form hands over; FormData satisfies it, and so does a Map in tests. */
export interface FormFields {
  get(name: string): FormDataEntryValue | null;
  keys(): Iterable<string>;
}

function text(fields: FormFields, name: string): string {
  const value = fields.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** Numeric text → number, empty → undefined (omitted: the verb's default applies), anything else as typed (the verb names the field). */
export function numberOrRaw(value: string): number | string | undefined {
  if (value === "") return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : value;
}

/** "a, b,,c " → ["a","b","c"]; none → undefined. */
export function parseTags(value: string): string[] | undefined {
  const tags = value
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  return tags.length ? tags : undefined;
}

/** Converts the form's fields into registerClient's input: numbers as numbers, empty optional fields omitted. */
export function registerInputFromForm(fields: FormFields): Record<string, unknown> {
  const input: Record<string, unknown> = { client_id: text(fields, "client_id") };
  const optional = (key: string, value: unknown) => {
    if (value !== undefined && value !== "") input[key] = value;
  };
  optional("client_name", text(fields, "client_name"));
  optional("industry", text(fields, "industry"));
  optional("contact_email", text(fields, "contact_email"));
  optional("tags", parseTags(text(fields, "tags")));
  optional("sla_target", numberOrRaw(text(fields, "sla_target")));
  optional("time_zone", text(fields, "time_zone"));

  const indexes = new Set<number>();
  for (const key of fields.keys()) {
    const match = /^systems\.(\d+)\./.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  // The form renders rows 0..n-1 in order, so issue paths like systems.1.health_url point at
  // the same row the user sees; sorting keeps that true even if fields arrive out of order.
  input.systems = [...indexes]
    .sort((a, b) => a - b)
    .map((i) => {
      const system: Record<string, unknown> = { name: text(fields, systemFieldName(i, "name")) };
      system.health_url = text(fields, systemFieldName(i, "health_url"));
      const metrics = text(fields, systemFieldName(i, "metrics_url"));
      if (metrics) system.metrics_url = metrics;
      for (const field of SYSTEM_NUMBER_FIELDS) {
        const value = numberOrRaw(text(fields, systemFieldName(i, field)));
        if (value !== undefined) system[field] = value;
      }
      return system;
    });
  return input;
}

/**
 * Verb issue paths → form field names, first message per field. `name` is the verb's alias of
 * `client_name`; a bad tag (`tags.3`) belongs to the one Tags field.
 */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    let key = issue.path || "form";
    if (key === "name") key = "client_name";
    if (/^tags\.\d+$/.test(key)) key = "tags";
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/**
 * The form's errors for one failed submission: the verb's issues, completed so one round names
 * every missing required field. The verb's whole-form rule "client name is required" does not
 * run once a field has failed outright (zod skips refinements after an aborting issue, e.g. an
 * empty client ID), so an empty name would only be reported on the second try; the name is what
 * people type first, so it is added here from the same input. An empty client ID reads "is
 * required" rather than "must be at least 3 characters".
 */
export function registerFormErrors(issues: readonly FieldIssue[], input: Record<string, unknown>): Record<string, string> {
  const errors = fieldErrorsFromIssues(issues);
  if (issues.length === 0) return errors;
  const blank = (v: unknown) => v === undefined || (typeof v === "string" && v.trim() === "");
  const completed: Record<string, string> = {};
  if (blank(input.client_name) && blank(input.name) && !errors.client_name) completed.client_name = "is required";
  if (blank(input.client_id) && errors.client_id) errors.client_id = "is required";
  return { ...completed, ...errors };
}

const FIELD_LABELS: Record<string, string> = {
  client_id: "Client ID",
  client_name: "Client name",
  industry: "Industry",
  contact_email: "Contact email",
  tags: "Tags",
  sla_target: "SLA target",
  time_zone: "Time zone",
  systems: "Systems",
  name: "Name",
  health_url: "Health URL",
  metrics_url: "Metrics URL",
  check_interval_seconds: "Check interval",
  timeout_ms: "Timeout",
  degraded_threshold_ms: "Degraded threshold",
};

/** "client_name" → "Client name"; "systems.1.health_url" → "System 2 health URL". */
export function labelForField(key: string): string {
  const system = /^systems\.(\d+)\.(\w+)$/.exec(key);
  if (system) {
    const label = FIELD_LABELS[system[2]] ?? system[2];
    return `System ${Number(system[1]) + 1} ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  }
  return FIELD_LABELS[key] ?? key;
}

/**
 * The verb's messages are fragments ("is required", "must be an http:// or https:// URL") or
 * whole sentences ('"acme" is already registered; choose another id'). Fragments read best
 * after the field's label; sentences stand alone with a capital letter.
 */
export function describeFieldError(label: string, message: string): string {
  if (/^(is|must|should|has|cannot|can't)\b/.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** For the error summary: the field's label always leads, so each line stands on its own. */
export function summaryLine(key: string, message: string): string {
  const label = labelForField(key);
  const described = describeFieldError(label, message);
  return described.startsWith(label) ? described : `${label}: ${message}`;
}

const FIELD_ORDER = ["client_name", "client_id", "industry", "contact_email", "tags", "sla_target", "time_zone", "systems"];
const SYSTEM_FIELD_ORDER: readonly string[] = [...SYSTEM_TEXT_FIELDS, ...SYSTEM_NUMBER_FIELDS];

/** Orders error keys the way the form shows its fields, top to bottom. */
export function compareFieldKeys(a: string, b: string): number {
  const rank = (key: string): [number, number, number] => {
    const system = /^systems\.(\d+)\.(\w+)$/.exec(key);
    if (system) return [FIELD_ORDER.length, Number(system[1]), SYSTEM_FIELD_ORDER.indexOf(system[2])];
    const i = FIELD_ORDER.indexOf(key);
    return [i === -1 ? FIELD_ORDER.length + 1 : i, 0, 0];
  };
  const [ra, rb] = [rank(a), rank(b)];
  return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2];
}
