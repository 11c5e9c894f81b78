// Credentials for edge tests: real API keys and sessions, made by the same verbs the app uses.
import { createApiKey } from "@/lib/api-keys/manage-api-keys";
import { systemContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";

/** A new API key (read+write unless told otherwise), created as the system actor. */
export async function newApiKey(db: Db, options: { scopes?: ("read" | "write")[]; client_id?: string; name?: string } = {}): Promise<string> {
  const created = await createApiKey({
    ctx: systemContext(db),
    input: { name: options.name ?? `test key ${Math.random().toString(36).slice(2, 8)}`, scopes: options.scopes ?? ["read", "write"], client_id: options.client_id },
  });
  return created.key;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
