// Database sessions: an http-only cookie holds a random token; the database holds its hash,
// an absolute expiry (SESSION_MAX_DAYS after sign-in) and the last time it was used (idle
// expiry after SESSION_IDLE_HOURS). Deleting the row ends the session everywhere.
import type { Clock } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { User } from "@/lib/generated/prisma/client";
import { hashSecret, newSessionToken } from "./tokens";

export const SESSION_COOKIE = "cp_session";
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** lastSeenAt is written at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export function sessionLimits() {
  const env = getEnv();
  return { idleMs: env.SESSION_IDLE_HOURS * 3_600_000, maxMs: env.SESSION_MAX_DAYS * 86_400_000 };
}

export async function createSession(db: Db, userId: string, meta: SessionMeta, clock: Clock): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newSessionToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + sessionLimits().maxMs);
  await db.session.create({
    data: { userId, tokenHash: hash, expiresAt, lastSeenAt: now, createdAt: now, ip: meta.ip?.slice(0, 64) ?? null, userAgent: meta.userAgent?.slice(0, 500) ?? null },
  });
  return { token, expiresAt };
}

/** The signed-in user for a cookie value, or null (unknown, tampered, expired, idle, or deactivated). */
export async function resolveSession(db: Db, token: string | undefined | null, clock: Clock): Promise<{ user: User; sessionId: string } | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const session = await db.session.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: true } });
  if (!session) return null;
  const now = clock.now().getTime();
  const { idleMs } = sessionLimits();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now || !session.user.active) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  return { user: session.user, sessionId: session.id };
}

export async function revokeSessionToken(db: Db, token: string | undefined | null): Promise<void> {
  if (token && TOKEN_PATTERN.test(token)) await db.session.deleteMany({ where: { tokenHash: hashSecret(token) } });
}

export async function revokeUserSessions(db: Pick<Db, "session">, userId: string): Promise<number> {
  return (await db.session.deleteMany({ where: { userId } })).count;
}
