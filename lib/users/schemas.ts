import { z } from "zod";
import { passwordSchema } from "@/lib/auth/passwords";
import { ROLES } from "@/lib/auth/roles";

const email = z.email({ error: "must be a valid email address" }).max(254, "must be at most 254 characters").transform((e) => e.toLowerCase());
const name = z.string({ error: "must be a string" }).trim().min(1, "is required").max(200, "must be at most 200 characters");
const roleSchema = z.enum(ROLES, { error: "must be admin, editor or viewer" });

export const setupInputSchema = z.object({ email, name, password: passwordSchema });
export const signInInputSchema = z.object({
  email: z.string({ error: "must be a string" }).trim().min(1, "is required").max(254).transform((e) => e.toLowerCase()),
  password: z.string({ error: "must be a string" }).min(1, "is required").max(200),
});
export const createUserInputSchema = z.object({ email, name, role: roleSchema, password: passwordSchema });
export const updateUserInputSchema = z.object({
  user_id: z.uuid({ error: "must be a user id" }),
  name: name.optional(),
  role: roleSchema.optional(),
  active: z.boolean({ error: "must be true or false" }).optional(),
});
export const changePasswordInputSchema = z.object({
  current_password: z.string({ error: "must be a string" }).min(1, "is required").max(200),
  new_password: passwordSchema,
});
export const resetPasswordInputSchema = z.object({ user_id: z.uuid({ error: "must be a user id" }), new_password: passwordSchema });

export const userOutputSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  active: z.boolean(),
  last_sign_in_at: z.string().nullable(),
  created_at: z.string(),
});
export type UserOutput = z.infer<typeof userOutputSchema>;
