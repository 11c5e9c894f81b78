// Pure glue between the client's business settings form (time zone, hourly rate, currency) and
// updateClient: form fields → the verb's input. Validation stays in lib/clients/schemas.ts.
import type { ClientOutput } from "@/lib/clients/schemas";
import { numberOrRaw, type FormFields } from "./register-client-form";

export const CLIENT_SETTINGS_LABELS = { time_zone: "Time zone", hourly_rate: "Hourly rate", currency: "Currency" } as const;
export type ClientSettingsField = keyof typeof CLIENT_SETTINGS_LABELS;
export type ClientSettingsValues = Record<ClientSettingsField, string>;

export function clientSettingsValues(client: Pick<ClientOutput, "time_zone" | "hourly_rate" | "currency">): ClientSettingsValues {
  return { time_zone: client.time_zone, hourly_rate: client.hourly_rate.toFixed(2), currency: client.currency };
}

const value = (fields: FormFields, name: string) => {
  const v = fields.get(name);
  return typeof v === "string" ? v.trim() : "";
};

/** updateClient's input; a field left empty is sent empty so the verb names it (a setting cannot be blank). */
export function clientSettingsInputFromForm(fields: FormFields): Record<string, unknown> {
  const rate = value(fields, "hourly_rate");
  return {
    client_id: value(fields, "client_id"),
    time_zone: value(fields, "time_zone"),
    hourly_rate: rate === "" ? "" : numberOrRaw(rate),
    currency: value(fields, "currency"),
  };
}

/** The IANA zones the browser knows, for the field's suggestions (UTC first). */
export function timeZoneSuggestions(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}
