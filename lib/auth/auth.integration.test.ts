// Accounts on both databases: first-run setup, password rules, sign-in and its limits,
// sessions (idle and absolute expiry, tampering), password changes and resets, deactivation,
// the last-admin rule, and who may administer. Time is a fake clock, never a sleep.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { verifyPassword } from "@/lib/auth/passwords";
import { scopesForApiKey, scopesForRole, type RoleName } from "@/lib/auth/roles";
import { createSession, resolveSession, sessionLimits } from "@/lib/auth/sessions";
import { hashSecret } from "@/lib/auth/tokens";
import { anonymousContext, systemClock, type Context } from "@/lib/context";
import { AppError, ConflictError, ForbiddenError, TooManyRequestsError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { changePassword, createUser, listUsers, resetPassword, updateUser } from "@/lib/users/manage-users";
import type { UserOutput } from "@/lib/users/schemas";
import { needsSetup, setupFirstAdmin } from "@/lib/users/setup-first-admin";
import { signIn } from "@/lib/users/sign-in";
import { signOut } from "@/lib/users/sign-out";
import { describeEachDatabase, type TestDatabase } from "@/test/support/databases";

const PASSWORD = "correct horse battery staple";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A clock the test moves by hand. */
function fakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
  let t = start;
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
    get t() {
      return t;
    },
  };
}

// signInLimits is one in-memory limiter per process, shared by both databases' blocks: every
// test signs in with its own emails and addresses so no test sees another's failures.
const unique = () => randomBytes(5).toString("hex");
const newEmail = (who: string) => `${who}-${unique()}@agency.example`;
const newIp = () => `10.${[1, 2, 3].map(() => randomBytes(1)[0]).join(".")}`;

/** Runs `fn` and returns the AppError it throws (fails the test if it does not throw one). */
async function appError<E extends AppError>(type: new (...args: never[]) => E, fn: () => Promise<unknown>): Promise<E> {
  const error = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

function helpers(get: () => TestDatabase) {
  const db = () => get().database.prisma;
  const asUser = (user: Pick<UserOutput, "id" | "email" | "role">, clock?: Context["clock"]) =>
    get().ctx({ actor: { type: "user", id: user.id, label: user.email }, scopes: scopesForRole(user.role as RoleName), clock });
  const addUser = (role: RoleName, who: string = role, password = PASSWORD) =>
    createUser({ ctx: get().ctx(), input: { email: newEmail(who), name: who, role, password } });
  const signInAs = (email: string, password = PASSWORD, clock?: Context["clock"], ip = newIp()) =>
    signIn({ ctx: get().ctx({ clock }), input: { email, password }, meta: { ip, userAgent: "vitest" } });
  const sessionsOf = (userId: string) => db().session.count({ where: { userId } });
  return { db, asUser, addUser, signInAs, sessionsOf };
}

describeEachDatabase("first-run setup and the last admin", (get) => {
  const { db, asUser, addUser } = helpers(get);

  it("setup validates the password, creates the first admin, and a second setup is a Conflict", async () => {
    const ctx = anonymousContext(db());
    expect(await needsSetup(ctx)).toBe(true);

    const weak = await appError(ValidationError, () => setupFirstAdmin({ ctx, input: { email: "root@agency.example", name: "Root", password: "too-short" } }));
    expect(weak.issues).toEqual([{ path: "password", message: "must be at least 12 characters" }]);
    expect(await db().user.count()).toBe(0);

    const admin = await setupFirstAdmin({ ctx, input: { email: "Root@Agency.example", name: "  Root ", password: PASSWORD } });
    expect(admin).toMatchObject({ email: "root@agency.example", name: "Root", role: "admin", active: true, last_sign_in_at: null });
    expect(admin).not.toHaveProperty("passwordHash");
    const row = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.passwordHash)).toBe(true);
    expect(await needsSetup(ctx)).toBe(false);
    expect(await db().auditLog.findFirst({ where: { action: "user.setup_admin" } })).toMatchObject({ actorType: "user", actorId: admin.id, targetId: admin.id, success: true });

    const again = await appError(ConflictError, () => setupFirstAdmin({ ctx, input: { email: "mallory@agency.example", name: "Mallory", password: PASSWORD } }));
    expect(again.message).toMatch(/already set up/);
    expect(await db().user.count()).toBe(1);
  });

  it("the last active admin cannot be demoted or deactivated; deactivated admins do not count", async () => {
    const root = await db().user.findFirstOrThrow({ where: { role: "admin" } });
    const rootCtx = asUser(root);
    await appError(ConflictError, () => updateUser({ ctx: rootCtx, input: { user_id: root.id, role: "editor" } }));
    await appError(ConflictError, () => updateUser({ ctx: rootCtx, input: { user_id: root.id, active: false } }));
    expect(await db().user.findUniqueOrThrow({ where: { id: root.id } })).toMatchObject({ role: "admin", active: true });

    // A second admin who is deactivated does not make the first one removable.
    const second = await addUser("admin", "second-admin");
    await updateUser({ ctx: rootCtx, input: { user_id: second.id, active: false } });
    const e = await appError(ConflictError, () => updateUser({ ctx: rootCtx, input: { user_id: root.id, role: "viewer" } }));
    expect(e.message).toMatch(/At least one active admin must remain/);

    // With two active admins one may step down; then the other is the last one.
    await updateUser({ ctx: rootCtx, input: { user_id: second.id, active: true } });
    expect((await updateUser({ ctx: rootCtx, input: { user_id: root.id, role: "editor" } })).role).toBe("editor");
    await appError(ConflictError, () => updateUser({ ctx: asUser(second), input: { user_id: second.id, active: false } }));
    expect(await db().user.count({ where: { role: "admin", active: true } })).toBe(1);
  });
});

describeEachDatabase("accounts", (get) => {
  const { db, asUser, addUser, signInAs, sessionsOf } = helpers(get);

  it("password rules: too short and too repetitive are ValidationErrors naming password", async () => {
    const email = newEmail("weak");
    const input = (password: string) => ({ email, name: "Weak", role: "viewer" as const, password });
    const short = await appError(ValidationError, () => createUser({ ctx: get().ctx(), input: input("Tr0ub4dor&3") }));
    expect(short.issues).toEqual([{ path: "password", message: "must be at least 12 characters" }]);
    for (const repetitive of ["aaaaaaaaaaaaaaaa", "abababababababab", "abcabcabcabcabc"]) {
      const error = await appError(ValidationError, () => createUser({ ctx: get().ctx(), input: input(repetitive) }));
      expect(error.issues).toEqual([{ path: "password", message: "is too repetitive; use a longer passphrase" }]);
    }
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("a duplicate email (in any case) is a Conflict naming email", async () => {
    const user = await addUser("viewer", "dup");
    const error = await appError(ConflictError, () =>
      createUser({ ctx: get().ctx(), input: { email: user.email.toUpperCase(), name: "Again", role: "editor", password: PASSWORD } }),
    );
    expect(error.issues).toEqual([{ path: "email", message: "is already in use" }]);
    expect(await db().user.count({ where: { email: user.email } })).toBe(1);
  });

  it("signIn opens a session whose row holds only the token's hash, and sets lastSignInAt", async () => {
    const user = await addUser("editor", "ada");
    const clock = fakeClock();
    const result = await signInAs(user.email.toUpperCase(), PASSWORD, clock, "192.0.2.7");
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.user).toMatchObject({ id: user.id, last_sign_in_at: clock.now().toISOString() });
    expect(result.user).not.toHaveProperty("passwordHash");
    expect(result.expiresAt.getTime()).toBe(clock.t + sessionLimits().maxMs);

    const rows = await db().session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashSecret(result.token), ip: "192.0.2.7", userAgent: "vitest", lastSeenAt: clock.now() });
    expect(JSON.stringify(rows)).not.toContain(result.token);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toEqual(clock.now());
    expect((await resolveSession(db(), result.token, clock))?.user.id).toBe(user.id);
    expect(await db().auditLog.count({ where: { action: "auth.sign_in", targetId: user.id, success: true } })).toBe(1);
  });

  it("a wrong password and an unknown email get the same message; only the real account is audited", async () => {
    const user = await addUser("viewer", "bob");
    const signInAudits = () => db().auditLog.count({ where: { action: "auth.sign_in" } });

    const before = await signInAudits();
    const wrong = await appError(UnauthorizedError, () => signInAs(user.email, "not the password at all"));
    expect(await signInAudits()).toBe(before + 1);
    const row = await db().auditLog.findFirstOrThrow({ where: { action: "auth.sign_in", targetId: user.id }, orderBy: { id: "desc" } });
    expect(row).toMatchObject({ success: false, actorType: "user", actorLabel: user.email, summary: expect.objectContaining({ reason: "wrong password" }) });

    const unknown = await appError(UnauthorizedError, () => signInAs(newEmail("nobody"), "not the password at all"));
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.message).toBe("Email or password is incorrect.");
    expect(await signInAudits()).toBe(before + 1); // nothing written for an email with no account
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("10 failures for one account (from any address) lock it with a retryAfter, until the window passes", async () => {
    const user = await addUser("viewer", "locked");
    const clock = fakeClock();
    const start = clock.t;
    for (let i = 0; i < 10; i++) {
      await appError(UnauthorizedError, () => signInAs(user.email, `wrong guess number ${i}`, clock));
      clock.advance(1000);
    }
    // The 11th attempt is refused before the password is even checked: the right one too.
    const locked = await appError(TooManyRequestsError, () => signInAs(user.email, PASSWORD, clock));
    expect(locked.status).toBe(429);
    expect(locked.retryAfterSeconds).toBe(15 * 60 - 10); // until the first failure leaves the 15-minute window
    expect(locked.message).toMatch(/^Too many failed sign-ins for this account; try again in 15 minutes\.$/);
    expect(await sessionsOf(user.id)).toBe(0);

    // Other accounts are not affected.
    const other = await addUser("viewer", "unaffected");
    await expect(signInAs(other.email, PASSWORD, clock)).resolves.toMatchObject({ user: { id: other.id } });

    clock.set(start + 15 * 60_000 - 1);
    await appError(TooManyRequestsError, () => signInAs(user.email, PASSWORD, clock));
    clock.set(start + 15 * 60_000);
    await expect(signInAs(user.email, PASSWORD, clock)).resolves.toMatchObject({ user: { id: user.id } });
    expect(await sessionsOf(user.id)).toBe(1);
  });

  it("30 failures from one address lock that address for every account", async () => {
    const user = await addUser("viewer", "same-ip");
    const clock = fakeClock();
    const ip = newIp();
    for (let i = 0; i < 30; i++) await appError(UnauthorizedError, () => signInAs(newEmail("spray"), "guess guess guess", clock, ip));
    const error = await appError(TooManyRequestsError, () => signInAs(user.email, PASSWORD, clock, ip));
    expect(error.message).toMatch(/from this address/);
    expect(error.retryAfterSeconds).toBe(15 * 60);
    await expect(signInAs(user.email, PASSWORD, clock, newIp())).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("sessions end after SESSION_IDLE_HOURS without use, and the row is deleted", async () => {
    if (process.env.SESSION_IDLE_HOURS === undefined) expect(sessionLimits().idleMs).toBe(72 * HOUR);
    const { idleMs } = sessionLimits();
    const user = await addUser("viewer", "idle");
    const clock = fakeClock();
    const { token } = await signInAs(user.email, PASSWORD, clock);
    const lastSeen = async () => (await db().session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt.getTime();

    // Use within a minute is not written back (reads stay reads)…
    const signedInAt = clock.t;
    clock.advance(30_000);
    expect(await resolveSession(db(), token, clock)).not.toBeNull();
    expect(await lastSeen()).toBe(signedInAt);
    // …later use is, and keeps the session alive past the first idle deadline.
    clock.set(signedInAt + idleMs - 60_000);
    expect(await resolveSession(db(), token, clock)).not.toBeNull();
    expect(await lastSeen()).toBe(clock.t);
    clock.advance(idleMs - 1);
    expect(await resolveSession(db(), token, clock)).not.toBeNull();

    clock.advance(idleMs);
    expect(await resolveSession(db(), token, clock)).toBeNull();
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("sessions end SESSION_MAX_DAYS after sign-in even when used all the time", async () => {
    if (process.env.SESSION_MAX_DAYS === undefined) expect(sessionLimits().maxMs).toBe(30 * DAY);
    const { idleMs, maxMs } = sessionLimits();
    const user = await addUser("viewer", "busy");
    const clock = fakeClock();
    const signedInAt = clock.t;
    const { token } = await signInAs(user.email, PASSWORD, clock);
    const step = Math.floor(idleMs / 2);
    while (clock.t + step < signedInAt + maxMs) {
      clock.advance(step);
      expect(await resolveSession(db(), token, clock)).not.toBeNull();
    }
    clock.set(signedInAt + maxMs - 1);
    expect(await resolveSession(db(), token, clock)).not.toBeNull();
    clock.set(signedInAt + maxMs);
    expect(await resolveSession(db(), token, clock)).toBeNull();
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("a tampered or garbage cookie value resolves to no session", async () => {
    const user = await addUser("viewer", "tamper");
    const { token } = await signInAs(user.email);
    const flipped = token.slice(0, 20) + (token[20] === "A" ? "B" : "A") + token.slice(21);
    const garbage = [flipped, token.slice(0, 42), `${token}x`, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(), randomBytes(32).toString("base64url"), hashSecret(token), "garbage", "", undefined, null, "../../etc/passwd", `${token.slice(0, 42)}%`];
    for (const value of garbage) expect(await resolveSession(db(), value, { now: () => new Date() }), String(value)).toBeNull();
    // None of that ended the real session.
    expect((await resolveSession(db(), token, { now: () => new Date() }))?.user.id).toBe(user.id);
  });

  it("changePassword with a wrong current password is a ValidationError on current_password and changes nothing", async () => {
    const user = await addUser("editor", "forgetful");
    await signInAs(user.email);
    await signInAs(user.email);
    const hashBefore = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;

    const error = await appError(ValidationError, () => changePassword({ ctx: asUser(user), input: { current_password: "not my password", new_password: "a brand new passphrase" } }));
    expect(error.issues).toEqual([{ path: "current_password", message: "is not your current password" }]);
    const weak = await appError(ValidationError, () => changePassword({ ctx: asUser(user), input: { current_password: PASSWORD, new_password: "short" } }));
    expect(weak.issues?.map((i) => i.path)).toEqual(["new_password"]);

    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(hashBefore);
    expect(await sessionsOf(user.id)).toBe(2);
    expect(await db().auditLog.count({ where: { action: "user.change_password", targetId: user.id, success: false } })).toBe(1);
    await expect(signInAs(user.email)).resolves.toBeTruthy();
  });

  it("a correct password change ends all of that user's sessions, and only theirs", async () => {
    const user = await addUser("editor", "changer");
    const bystander = await addUser("editor", "bystander");
    const a = await signInAs(user.email);
    const b = await signInAs(user.email);
    await signInAs(bystander.email);
    const newPassword = "a brand new passphrase";

    await changePassword({ ctx: asUser(user), input: { current_password: PASSWORD, new_password: newPassword } });
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await sessionsOf(bystander.id)).toBe(1);
    for (const { token } of [a, b]) expect(await resolveSession(db(), token, { now: () => new Date() })).toBeNull();
    await appError(UnauthorizedError, () => signInAs(user.email, PASSWORD));
    await expect(signInAs(user.email, newPassword)).resolves.toMatchObject({ user: { id: user.id } });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "user.change_password", targetId: user.id, success: true } });
    expect(audit.summary).toEqual({ sessions_ended: 2 });
  });

  it("only a signed-in user can change a password (not an API key or the system)", async () => {
    const keyCtx = get().ctx({ actor: { type: "api_key", id: "k", label: 'key "x"' }, scopes: scopesForApiKey(["read", "write"]) });
    await appError(ForbiddenError, () => changePassword({ ctx: keyCtx, input: { current_password: PASSWORD, new_password: "a brand new passphrase" } }));
    await appError(ForbiddenError, () => changePassword({ ctx: get().ctx(), input: { current_password: PASSWORD, new_password: "a brand new passphrase" } }));
  });

  it("an admin's resetPassword ends the target's sessions; the new password works, the old does not", async () => {
    const admin = await addUser("admin", "resetter");
    const target = await addUser("viewer", "reset-target");
    const { token } = await signInAs(target.email);
    const adminSession = await signInAs(admin.email);
    const newPassword = "set by the admin today";

    const out = await resetPassword({ ctx: asUser(admin), input: { user_id: target.id, new_password: newPassword } });
    expect(out).not.toHaveProperty("passwordHash");
    expect(await resolveSession(db(), token, { now: () => new Date() })).toBeNull();
    expect(await sessionsOf(target.id)).toBe(0);
    expect(await resolveSession(db(), adminSession.token, { now: () => new Date() })).not.toBeNull();
    await appError(UnauthorizedError, () => signInAs(target.email, PASSWORD));
    await expect(signInAs(target.email, newPassword)).resolves.toBeTruthy();
    expect(await db().auditLog.findFirst({ where: { action: "user.reset_password", targetId: target.id } })).toMatchObject({ actorId: admin.id, summary: { sessions_ended: 1 } });
  });

  it("deactivating a user ends their sessions and they cannot sign in until reactivated", async () => {
    const admin = await addUser("admin", "deactivator");
    const user = await addUser("editor", "leaver");
    const { token } = await signInAs(user.email);
    await updateUser({ ctx: asUser(admin), input: { user_id: user.id, active: false } });
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await resolveSession(db(), token, { now: () => new Date() })).toBeNull();
    const refused = await appError(UnauthorizedError, () => signInAs(user.email));
    expect(refused.message).toMatch(/deactivated/);
    expect(await sessionsOf(user.id)).toBe(0);

    await updateUser({ ctx: asUser(admin), input: { user_id: user.id, active: true } });
    await expect(signInAs(user.email)).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("a session of a user deactivated behind its back (directly in the database) resolves to null", async () => {
    const user = await addUser("viewer", "sneaky");
    const { token } = await signInAs(user.email);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await resolveSession(db(), token, { now: () => new Date() })).toBeNull();
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("changing a user's role ends their sessions (their scopes changed)", async () => {
    const admin = await addUser("admin", "promoter");
    const user = await addUser("viewer", "promoted");
    await signInAs(user.email);
    await updateUser({ ctx: asUser(admin), input: { user_id: user.id, role: "editor" } });
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("editors, viewers and API keys cannot list or create users, manage keys or read the audit log", async () => {
    const victim = await addUser("viewer", "victim");
    const key = await createApiKey({ ctx: get().ctx(), input: { name: `k-${unique()}`, scopes: ["read"] } });
    const callers: [string, Context][] = [
      ["editor", asUser(await addUser("editor", "not-admin"))],
      ["viewer", asUser(await addUser("viewer", "not-admin"))],
      ["read+write key", get().ctx({ actor: { type: "api_key", id: key.id, label: 'key "rw"' }, scopes: scopesForApiKey(["read", "write"]) })],
      ["mcp key", get().ctx({ actor: { type: "mcp", id: key.id, label: 'key "rw"' }, scopes: scopesForApiKey(["read", "write"]) })],
    ];
    const counts = async () => [await db().user.count(), await db().apiKey.count(), (await db().user.findUniqueOrThrow({ where: { id: victim.id } })).passwordHash];
    const before = await counts();
    for (const [who, ctx] of callers) {
      const attempts: [string, () => Promise<unknown>][] = [
        ["listUsers", () => listUsers({ ctx })],
        ["createUser", () => createUser({ ctx, input: { email: newEmail("x"), name: "X", role: "admin", password: PASSWORD } })],
        ["updateUser", () => updateUser({ ctx, input: { user_id: victim.id, role: "admin" } })],
        ["resetPassword", () => resetPassword({ ctx, input: { user_id: victim.id, new_password: "taken over by me" } })],
        ["createApiKey", () => createApiKey({ ctx, input: { name: "mine", scopes: ["read", "write"] } })],
        ["listApiKeys", () => listApiKeys({ ctx })],
        ["revokeApiKey", () => revokeApiKey({ ctx, input: { id: key.id } })],
        ["listAuditLog", () => listAuditLog({ ctx, input: {} })],
      ];
      for (const [verb, attempt] of attempts) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error, `${who} → ${verb}`).toBeInstanceOf(ForbiddenError);
        expect((error as Error).message).toContain('missing the "admin" scope');
      }
    }
    expect(await counts()).toEqual(before);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
    expect((await db().user.findUniqueOrThrow({ where: { id: victim.id } })).role).toBe("viewer");

    // The same calls by an admin work (the refusals above are about the role, not the calls).
    const admin = asUser(await addUser("admin", "real-admin"));
    expect((await listUsers({ ctx: admin })).some((u) => u.id === victim.id)).toBe(true);
    expect((await listAuditLog({ ctx: admin, input: { limit: 5 } })).entries.length).toBeGreaterThan(0);
  });
});

describeEachDatabase("signOut", (get) => {
  it("ends the session and records who signed out; an unknown token records nothing", async () => {
    const prisma = get().database.prisma;
    const user = await prisma.user.create({ data: { email: `out-${Date.now()}@x.test`, name: "Out", role: "viewer" } });
    const { token } = await createSession(prisma, user.id, {}, systemClock);
    await signOut({ ctx: get().ctx(), token });
    expect(await resolveSession(prisma, token, systemClock)).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "auth.sign_out", actorId: user.id } })).toBe(1);
    const before = await prisma.auditLog.count({ where: { action: "auth.sign_out" } });
    await signOut({ ctx: get().ctx(), token: "x".repeat(43) });
    expect(await prisma.auditLog.count({ where: { action: "auth.sign_out" } })).toBe(before);
  });
});
