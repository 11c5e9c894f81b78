// Display rules for API keys: status from the dates, access in words.
import type { ApiKeyOutput } from "@/lib/api-keys/schemas";

export type ApiKeyStatus = "active" | "expired" | "revoked";

export function apiKeyStatus(key: Pick<ApiKeyOutput, "revoked_at" | "expires_at">, nowMs: number): ApiKeyStatus {
  if (key.revoked_at) return "revoked";
  if (key.expires_at && Date.parse(key.expires_at) <= nowMs) return "expired";
  return "active";
}

export function apiKeyAccessLabel(scopes: readonly string[]): string {
  return scopes.includes("write") ? "Read & write" : "Read only";
}

/** The expiry field's text → the verb's `expires_in_days`: empty → null (never), digits → number, else as typed (the verb names the field). */
export function expiryDaysFromText(value: string): number | string | null {
  const text = value.trim();
  if (text === "") return null;
  return /^\d+$/.test(text) ? Number(text) : text;
}
