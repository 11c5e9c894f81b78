import { z } from "zod";
import { clientIdSchema } from "@/lib/clients/schemas";
import { API_KEY_SCOPES } from "@/lib/auth/roles";
import { strictObject, text } from "@/lib/input";

export const createApiKeyInputSchema = strictObject({
  name: text().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: "must be read or write" }), { error: "must be a list: read, write" })
    .min(1, "choose read, or read and write")
    .transform((s) => (s.includes("write") ? ["read", "write"] : ["read"])),
  client_id: clientIdSchema.nullish(),
  /** Days until the key stops working; omit for a key that does not expire. */
  expires_in_days: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(3650, "must be at most 3650").nullish(),
});

export const apiKeyRefSchema = strictObject({ id: z.uuid({ error: "must be an API key id" }) });
export type CreateApiKeyInput = z.input<typeof createApiKeyInputSchema>;
export type ApiKeyRefInput = z.input<typeof apiKeyRefSchema>;

export const apiKeyOutputSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  client_id: z.string().nullable(),
  created_by: z.string().nullable(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});
export type ApiKeyOutput = z.infer<typeof apiKeyOutputSchema>;
