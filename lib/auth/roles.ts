import type { Scope } from "@/lib/context";

export const ROLES = ["admin", "editor", "viewer"] as const;
export type RoleName = (typeof ROLES)[number];

/** admin: everything; editor: clients, systems, thresholds, reports; viewer: read only. */
export function scopesForRole(role: RoleName): Scope[] {
  if (role === "admin") return ["read", "write", "admin"];
  if (role === "editor") return ["read", "write"];
  return ["read"];
}

export const API_KEY_SCOPES = ["read", "write"] as const;

export function scopesForApiKey(scopes: readonly string[]): Scope[] {
  return scopes.includes("write") ? ["read", "write"] : ["read"];
}
