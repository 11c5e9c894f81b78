// Turns an `Authorization: Bearer cpk_…` value into the key it names, or a precise 401.
import type { Clock } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { UnauthorizedError } from "@/lib/errors";
import { hashSecret, looksLikeApiKey } from "@/lib/auth/tokens";

const TOUCH_INTERVAL_MS = 60_000;

export async function resolveApiKey(db: Db, key: string, clock: Clock) {
  if (!looksLikeApiKey(key)) throw new UnauthorizedError("Malformed API key: expected cpk_ followed by 43 characters");
  const row = await db.apiKey.findUnique({ where: { keyHash: hashSecret(key) }, include: { client: { select: { clientId: true } } } });
  if (!row) throw new UnauthorizedError("Unknown API key");
  const now = clock.now();
  if (row.revokedAt) throw new UnauthorizedError(`API key "${row.name}" was revoked`);
  if (row.expiresAt && row.expiresAt <= now) throw new UnauthorizedError(`API key "${row.name}" expired on ${row.expiresAt.toISOString()}`);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row;
}
