import type { User } from "@/lib/generated/prisma/client";
import type { UserOutput } from "./schemas";

/** Never includes the password hash. */
export function toUserOutput(u: User): UserOutput {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.active,
    last_sign_in_at: u.lastSignInAt?.toISOString() ?? null,
    created_at: u.createdAt.toISOString(),
  };
}
