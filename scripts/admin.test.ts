// The admin CLI, spawned for real (`node --import tsx scripts/admin.ts …`) on temporary
// embedded data folders: what it prints, its exit codes, and what it leaves in the database.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { resolveApiKey } from "@/lib/api-keys/resolve-api-key";
import { hashSecret } from "@/lib/auth/tokens";
import { systemClock } from "@/lib/context";
import { openDatabase, type Database } from "@/lib/db/client";

const ROOT = path.resolve(".");
const KEY_LINE = /^cpk_[A-Za-z0-9_-]{43}$/;
const STACK_TRACE = /\n\s+at |node_modules/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI on `dataDir` with a clean environment (no DATABASE_URL, no ADMIN_*). */
function admin(dataDir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn", ...extraEnv };
  for (const name of ["DATABASE_URL", "ADMIN_EMAIL", "ADMIN_PASSWORD"]) if (!(name in extraEnv)) delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Opens the folder in this process, runs `fn`, and closes it again (releasing the lock). */
async function inspect<T>(dataDir: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: "pglite", dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Another process that opens the folder and holds it until killed, like a running server. */
async function holdInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const scriptDir = mkdtempSync(path.join(tmpdir(), "cp-admin-holder-"));
  tempDirs.push(scriptDir);
  const script = path.join(scriptDir, "hold.mts");
  writeFileSync(
    script,
    `const { openDatabase } = await import(${JSON.stringify(path.join(ROOT, "lib/db/client.ts"))});
    await openDatabase({ kind: "pglite", dataDir: ${JSON.stringify(dataDir)} });
    console.log("ready");
    setInterval(() => {}, 1000);`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"], cwd: ROOT });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("ready") && resolve());
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

const tempDirs: string[] = [];
/** A data folder path that does not exist yet (its parent is removed after the run). */
function newFolder(): string {
  const parent = mkdtempSync(path.join(tmpdir(), "cp-admin-"));
  tempDirs.push(parent);
  return path.join(parent, "data");
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("npm run admin", () => {
  // One folder, created by the first test, reused by the ones that need an existing database.
  const dataDir = newFolder();
  const holders: ChildProcess[] = [];
  afterAll(() => {
    for (const h of holders) if (h.exitCode === null) h.kill("SIGKILL");
  });

  it("create-api-key on a never-opened folder prints only the key on stdout, and the key authenticates", async () => {
    expect(existsSync(dataDir)).toBe(false);
    const run = await admin(dataDir, ["create-api-key", "--name", "ci-bot", "--scopes", "read,write", "--expires-days", "30"]);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.code).toBe(0);
    // Exactly one line, the key: `KEY=$(npm run -s admin -- create-api-key …)` captures it.
    const key = run.stdout.replace(/\n$/, "");
    expect(key).toMatch(KEY_LINE);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^Created API key "ci-bot" \(read\+write, all clients, expires \S+, id [0-9a-f-]{36}\)\. It is shown only this once/);
    expect(run.stderr).not.toContain(key);

    await inspect(dataDir, async (db) => {
      const row = await resolveApiKey(db.prisma, key, systemClock);
      expect(row).toMatchObject({ name: "ci-bot", scopes: ["read", "write"], revokedAt: null, createdById: null });
      expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(30 * 86_400_000);
      // Only the hash is stored: no column of the row holds the key itself.
      const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } });
      expect(stored.keyHash).toBe(hashSecret(key));
      expect(stored.prefix).toBe(key.slice(0, 12));
      expect(JSON.stringify(stored)).not.toContain(key);
      // The audit log says the system (the CLI) did it, and holds no secret.
      const audit = await db.prisma.auditLog.findMany({ where: { action: "api_key.create", targetId: row.id } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorType: "system", actorLabel: "system", success: true });
      expect(JSON.stringify(audit, (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toMatch(new RegExp(`${key}|${stored.keyHash}`));
    });
  }, 90_000);

  it("list-api-keys shows keys without the secret, and revoke-api-key stops a key", async () => {
    const created = await admin(dataDir, ["create-api-key", "--name=to-revoke", "--scopes=read"]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    const id = /id ([0-9a-f-]{36})/.exec(created.stderr)![1];

    const listed = await admin(dataDir, ["list-api-keys"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+to-revoke\\s+${key.slice(0, 12).replace(/[-_]/g, "\\$&")}…\\s+read\\s+\\(all\\)\\s+active`));
    expect(listed.stdout).toContain("ci-bot");
    expect(listed.stdout).not.toContain(key);

    const revoked = await admin(dataDir, ["revoke-api-key", "--id", id]);
    expect(revoked.code).toBe(0);
    expect(revoked.stderr).toContain('Revoked API key "to-revoke"');
    await inspect(dataDir, async (db) => {
      await expect(resolveApiKey(db.prisma, key, systemClock)).rejects.toThrow(/was revoked/);
      expect(await db.prisma.auditLog.count({ where: { action: "api_key.revoke", targetId: id, actorType: "system" } })).toBe(1);
    });
  }, 60_000);

  it("--scopes admin is exit 2 with one line naming --scopes plus the usage, and touches nothing", async () => {
    const untouched = newFolder();
    const run = await admin(untouched, ["create-api-key", "--name", "x", "--scopes", "admin"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const [first, ...rest] = run.stderr.split("\n");
    expect(first).toMatch(/^admin: --scopes must be "read" or "read,write" \(got "admin"\)$/);
    expect(rest.join("\n")).toContain("Usage: npm run admin -- <command>");
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(untouched)).toBe(false); // not even the data folder was created
  });

  it("other bad arguments are exit 2 naming the problem: unknown command, missing, empty or unknown option, --password", async () => {
    const untouched = newFolder();
    const cases: [string[], RegExp][] = [
      [["frobnicate"], /^admin: unknown command "frobnicate"$/],
      [["create-api-key", "--scopes", "read"], /^admin: create-api-key needs --name$/],
      [["create-api-key", "--name", "x", "--scopes", "read", "--client", ""], /^admin: --client needs a value \(it is empty\)$/], // never an all-clients key by accident
      [["create-api-key", "--name", "x", "--scopes", "read", "--colour", "red"], /^admin: create-api-key has no option --colour$/],
      [["create-api-key", "--name", "x", "--scopes", "read", "--expires-days", "soon"], /^admin: --expires-days must be a whole number/],
      [["create-api-key", "--name", "x", "--scopes", "read", "--expires-days", "0"], /^admin: --expires-days: must be at least 1$/],
      [["revoke-api-key", "--id", "42"], /^admin: --id: must be an API key id$/],
      [["create-admin", "--email", "a@b.example", "--name", "A", "--password", "hunter2hunter2"], /^admin: passwords are never taken from the command line/],
      [["create-admin", "--email", "a@b.example", "--name", "A"], /^admin: set the password in the environment variable ADMIN_PASSWORD/],
    ];
    const runs = await Promise.all(cases.map(([args]) => admin(untouched, args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i][0].join(" ")).toBe(2);
      expect(run.stderr.split("\n")[0]).toMatch(cases[i][1]);
      expect(run.stderr).not.toMatch(STACK_TRACE);
    });
    expect(existsSync(untouched)).toBe(false);
  }, 60_000);

  it("an unknown --client is one clear line (exit 1) and creates no key", async () => {
    const run = await admin(dataDir, ["create-api-key", "--name", "orphan", "--scopes", "read", "--client", "no-such-client"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe('admin: --client: no client "no-such-client"\n');
    await inspect(dataDir, async (db) => expect(await db.prisma.apiKey.count({ where: { name: "orphan" } })).toBe(0));
  }, 60_000);

  it("while a running server holds the folder: exit 1 with one line saying so, and no key is created", async () => {
    const holder = await holdInAnotherProcess(dataDir);
    holders.push(holder);
    try {
      const run = await admin(dataDir, ["create-api-key", "--name", "while-running", "--scopes", "read"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.endsWith("\n") && !run.stderr.trimEnd().includes("\n")).toBe(true); // one line
      expect(run.stderr).toMatch(new RegExp(`^admin: The running ClientPulse server \\(pid ${holder.pid}\\) owns the data folder `));
      expect(run.stderr).toContain(dataDir);
      expect(run.stderr).toContain("create the key in Settings → API keys");
      expect(run.stderr).toContain("stop the server");
    } finally {
      holder.kill("SIGKILL");
      await new Promise((r) => holder.once("exit", r));
    }
    await inspect(dataDir, async (db) => expect(await db.prisma.apiKey.count({ where: { name: "while-running" } })).toBe(0));
  }, 90_000);

  it("with DATABASE_URL it works on PostgreSQL (and an unreachable one is one line without the password)", async (t) => {
    const adminUrl = inject("pgUrl");
    if (!adminUrl) return t.skip(inject("pgSkipReason") ?? "PostgreSQL is unavailable");
    const name = `cp_admin_cli_${Date.now().toString(36)}`;
    const url = new URL(adminUrl);
    const admin0 = new pg.Client({ connectionString: adminUrl });
    await admin0.connect();
    await admin0.query(`CREATE DATABASE "${name}"`);
    try {
      url.pathname = `/${name}`;
      const run = await admin(newFolder(), ["create-api-key", "--name", "pg-bot", "--scopes", "read"], { DATABASE_URL: url.toString() });
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.code).toBe(0);
      const key = run.stdout.trim();
      expect(key).toMatch(KEY_LINE);
      const db = await openDatabase({ kind: "postgres", url: url.toString() });
      try {
        expect(await resolveApiKey(db.prisma, key, systemClock)).toMatchObject({ name: "pg-bot", scopes: ["read"] });
      } finally {
        await db.close();
      }
    } finally {
      await admin0.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin0.end();
    }

    const down = await admin(newFolder(), ["list-api-keys"], { DATABASE_URL: "postgresql://cli:hunter2@127.0.0.1:1/none" });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^admin: Cannot reach PostgreSQL postgresql:\/\/127\.0\.0\.1:1\/none: ECONNREFUSED/);
    expect(down.stderr.trimEnd()).not.toContain("\n");
    expect(down.stderr).not.toContain("hunter2");
  }, 60_000);

  it("create-admin creates the first admin from ADMIN_PASSWORD, and refuses once a user exists", async () => {
    const folder = dataDir; // has API keys, but no user yet
    const password = "correct horse battery staple";
    const first = await admin(folder, ["create-admin", "--email", "Ada@Agency.example", "--name", "Ada"], { ADMIN_PASSWORD: password });
    expect(first.stderr).not.toMatch(STACK_TRACE);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("");
    expect(first.stderr).toContain("Created the admin ada@agency.example (Ada)");
    expect(first.stderr).not.toContain(password);

    const second = await admin(folder, ["create-admin", "--email", "eve@agency.example", "--name", "Eve"], { ADMIN_PASSWORD: password });
    expect(second.code).toBe(1);
    expect(second.stderr).toBe("admin: ClientPulse already has users, so create-admin does nothing; an admin adds people in Settings → Users.\n");

    await inspect(folder, async (db) => {
      const users = await db.prisma.user.findMany();
      expect(users.map((u) => [u.email, u.role, u.active])).toEqual([["ada@agency.example", "admin", true]]);
      expect(users[0].passwordHash).toMatch(/^scrypt\$/);
      expect(users[0].passwordHash).not.toContain(password);
    });
  }, 90_000);
});
