"use server";

// Server actions for Settings → API keys (admins): create (the key is returned once, in this
// action's result, and never again) and revoke.
import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import type { ApiKeyOutput } from "@/lib/api-keys/schemas";
import { contextForAction } from "@/lib/http/page-context";
import { expiryDaysFromText } from "@/lib/ui/api-keys";
import { actionFailure, type ActionResult } from "./action-result";
import { untrusted } from "@/lib/input";

export type CreateApiKeyState = ActionResult<ApiKeyOutput & { key: string }> | null;

const text = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};

export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  try {
    const ctx = await contextForAction();
    const access = text(formData, "access");
    const created = await createApiKey({
      ctx,
      // Form text is untrusted: the expiry may be a non-number the verb names as a field error.
      input: untrusted({
        name: text(formData, "name"),
        scopes: access === "read_write" ? ["read", "write"] : access === "read" ? ["read"] : [],
        client_id: text(formData, "client_id") || null,
        expires_in_days: expiryDaysFromText(text(formData, "expires_in_days")),
      }),
    });
    revalidatePath("/settings");
    return { ok: true, data: created };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function revokeApiKeyAction(id: string): Promise<ActionResult<ApiKeyOutput>> {
  try {
    const ctx = await contextForAction();
    const key = await revokeApiKey({ ctx, input: { id } });
    revalidatePath("/settings");
    return { ok: true, data: key };
  } catch (error) {
    return actionFailure(error);
  }
}
