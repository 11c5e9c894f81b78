import { z } from "zod";
import { passwordSchema } from "@/lib/auth/passwords";
import { ROLES } from "@/lib/auth/roles";
import { strictObject, text } from "@/lib/input";

const email = z.email({ error: "must be a valid email address" }).max(254, "must be at most 254 characters").transform((e) => e.toLowerCase());
const name = text().trim().min(1, "is required").max(200, "must be at most 200 characters");
export const roleSchema = z.enum(ROLES, { error: "must be admin, editor or viewer" });

export const setupInputSchema = strictObject({ email, name, password: passwordSchema });
export const signInInputSchema = strictObject({
  email: text().trim().min(1, "is required").max(254).transform((e) => e.toLowerCase()),
  password: text().min(1, "is required").max(200),
});
export const createUserInputSchema = strictObject({ email, name, role: roleSchema, password: passwordSchema });
export const updateUserInputSchema = strictObject({
  user_id: z.uuid({ error: "must be a user id" }),
  name: name.optional(),
  role: roleSchema.optional(),
  active: z.boolean({ error: "must be true or false" }).optional(),
});
export const changePasswordInputSchema = strictObject({
  current_password: text().min(1, "is required").max(200),
  new_password: passwordSchema,
});
export const resetPasswordInputSchema = strictObject({ user_id: z.uuid({ error: "must be a user id" }), new_password: passwordSchema });

export type SetupInput = z.input<typeof setupInputSchema>;
export type SignInInput = z.input<typeof signInInputSchema>;
export type CreateUserInput = z.input<typeof createUserInputSchema>;
export type UpdateUserInput = z.input<typeof updateUserInputSchema>;
export type ChangePasswordInput = z.input<typeof changePasswordInputSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordInputSchema>;

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
