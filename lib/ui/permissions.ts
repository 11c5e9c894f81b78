// What the signed-in person may do, derived from their role, for HIDING controls. The verbs
// enforce the same rules themselves (ForbiddenError); this only keeps the UI honest.
import { scopesForRole, type RoleName } from "@/lib/auth/roles";

export interface Permissions {
  /** Register, change, deactivate clients; load the demo workspace (editor, admin). */
  write: boolean;
  /** Users, API keys, audit log (admin). */
  admin: boolean;
}

/** Derived from the same scopes the verbs check, so the UI can never disagree with them. */
export function permissionsFor(role: RoleName): Permissions {
  const scopes = scopesForRole(role);
  return { write: scopes.includes("write"), admin: scopes.includes("admin") };
}

export const ROLE_LABEL: Record<RoleName, string> = { admin: "Admin", editor: "Editor", viewer: "Viewer" };

export const ROLE_DESCRIPTION: Record<RoleName, string> = {
  admin: "Everything, including users, API keys and the audit log",
  editor: "Clients, systems, alerts and reports",
  viewer: "Read only",
};
