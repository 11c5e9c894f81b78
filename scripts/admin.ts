// npm run admin -- <command> — administer ClientPulse from a shell: API keys and the first
// admin, straight on the configured database (DATABASE_URL, or the embedded one in DATA_DIR),
// through the same verbs as Settings, recorded in the audit log as the "system" actor.
//
//   KEY=$(npm run -s admin -- create-api-key --name ci-bot --scopes read)
//
// stdout carries only what a shell captures (the key; the list of keys); everything meant
// for a person goes to stderr. Exit codes: 0 done, 1 refused or failed, 2 bad arguments
// (nothing was touched). Never a stack trace: every failure is one line.
import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { apiKeyRefSchema, createApiKeyInputSchema, type ApiKeyOutput } from "@/lib/api-keys/schemas";
import { systemContext, type Context } from "@/lib/context";
import { openDatabase, targetFromEnv, type Database } from "@/lib/db/client";
import { dataDirHolder, DataDirLockedError } from "@/lib/db/data-dir-lock.mjs";
import { getEnv, type Env } from "@/lib/env";
import { AppError, ConflictError, issuesFromZod, type FieldIssue } from "@/lib/errors";
import { setupInputSchema } from "@/lib/users/schemas";
import { needsSetup, setupFirstAdmin } from "@/lib/users/setup-first-admin";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-api-key --name NAME --scopes read|read,write [--client CLIENT_ID] [--expires-days N]
                 Creates an API key and prints it ONCE on stdout (a summary goes to stderr):
                   KEY=$(npm run -s admin -- create-api-key --name ci-bot --scopes read)
  list-api-keys  Lists API keys (never the keys themselves).
  revoke-api-key --id ID
                 Revokes an API key at once (ids are in list-api-keys).
  create-admin --email EMAIL --name NAME
                 Creates the first admin of a new installation (like the /setup page); the
                 password is read from the environment variable ADMIN_PASSWORD, never from
                 the command line (which others see in ps), e.g.
                   read -rs ADMIN_PASSWORD && export ADMIN_PASSWORD
                   npm run admin -- create-admin --email ada@agency.example --name Ada
  help           Shows this text.

Works on DATABASE_URL when set, else on the embedded database in DATA_DIR (default ./.data).`;

/** Wrong command line: one line, the usage, exit 2; nothing was touched. */
class UsageError extends Error {}

/** A failure to report in one line with exit code 1. */
class CliError extends Error {}

type Flags = Record<string, string>;

interface Command {
  /** Allowed flags (without the leading --). */
  flags: string[];
  required: string[];
  /** What to do instead while a running server owns the embedded data folder. */
  whileServerRuns: string;
  run(ctx: Context, flags: Flags, env: Env): Promise<number>;
}

/** Verb field names → the flag (or variable) a person typed them as. */
const FLAG_FOR_FIELD: Record<string, string> = {
  name: "--name",
  scopes: "--scopes",
  client_id: "--client",
  expires_in_days: "--expires-days",
  id: "--id",
  email: "--email",
  password: "ADMIN_PASSWORD",
};

function describeIssues(issues: FieldIssue[]): string {
  return issues
    .map((i) => {
      const root = i.path.split(".")[0];
      return `${FLAG_FOR_FIELD[root] ?? root}: ${i.message}`;
    })
    .join("; ");
}

/** Parses with a verb's own schema before the database is opened, so bad values exit 2. */
function precheck(schema: z.ZodType, input: unknown): void {
  const result = schema.safeParse(input);
  if (!result.success) throw new UsageError(describeIssues(issuesFromZod(result.error)));
}

function parseScopes(value: string): ("read" | "write")[] {
  const parts = value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = parts.filter((p) => p !== "read" && p !== "write");
  if (parts.length === 0 || bad.length) {
    throw new UsageError(`--scopes must be "read" or "read,write" (got "${value}")`);
  }
  return parts as ("read" | "write")[];
}

function parseExpiresDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--expires-days must be a whole number of days (got "${value}")`);
  return Number(value);
}

function when(iso: string | null): string {
  return iso ? iso.replace(/\.\d{3}Z$/, "Z") : "-";
}

function keyStatus(k: ApiKeyOutput, now: Date): string {
  if (k.revoked_at) return "revoked";
  if (k.expires_at && new Date(k.expires_at) <= now) return "expired";
  return "active";
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")).join("\n");
}

const say = (line: string) => process.stderr.write(`${line}\n`);

const COMMANDS: Record<string, Command> = {
  "create-api-key": {
    flags: ["name", "scopes", "client", "expires-days"],
    required: ["name", "scopes"],
    whileServerRuns: "create the key in Settings → API keys instead (or stop the server and run this again)",
    async run(ctx, flags) {
      const created = await createApiKey({ ctx, input: inputForCreateApiKey(flags) });
      process.stdout.write(`${created.key}\n`);
      const parts = [
        created.scopes.join("+"),
        created.client_id ? `only client ${created.client_id}` : "all clients",
        created.expires_at ? `expires ${when(created.expires_at)}` : "does not expire",
        `id ${created.id}`,
      ];
      say(`Created API key "${created.name}" (${parts.join(", ")}). It is shown only this once: store it now.`);
      return 0;
    },
  },
  "list-api-keys": {
    flags: [],
    required: [],
    whileServerRuns: "see the keys in Settings → API keys instead (or stop the server and run this again)",
    async run(ctx) {
      const keys = await listApiKeys({ ctx });
      if (keys.length === 0) {
        say("No API keys yet. Create one with: npm run admin -- create-api-key --name NAME --scopes read");
        return 0;
      }
      const now = ctx.clock.now();
      const rows = [["ID", "NAME", "PREFIX", "SCOPES", "CLIENT", "STATUS", "EXPIRES", "LAST USED", "CREATED BY"]];
      for (const k of keys) {
        rows.push([k.id, k.name, `${k.prefix}…`, k.scopes.join(","), k.client_id ?? "(all)", keyStatus(k, now), when(k.expires_at), when(k.last_used_at), k.created_by ?? "system"]);
      }
      process.stdout.write(`${table(rows)}\n`);
      return 0;
    },
  },
  "revoke-api-key": {
    flags: ["id"],
    required: ["id"],
    whileServerRuns: "revoke the key in Settings → API keys instead (or stop the server and run this again)",
    async run(ctx, flags) {
      const startedAt = ctx.clock.now();
      const revoked = await revokeApiKey({ ctx, input: { id: flags.id } });
      say(
        new Date(revoked.revoked_at!) < startedAt
          ? `API key "${revoked.name}" (${revoked.prefix}…) was already revoked on ${when(revoked.revoked_at)}; nothing changed.`
          : `Revoked API key "${revoked.name}" (${revoked.prefix}…); it stops working now.`,
      );
      return 0;
    },
  },
  "create-admin": {
    flags: ["email", "name"],
    required: ["email", "name"],
    whileServerRuns: "create the first admin on its /setup page instead (or stop the server and run this again)",
    async run(ctx, flags, env) {
      if (!(await needsSetup(ctx))) throw alreadySetUp();
      try {
        const admin = await setupFirstAdmin({ ctx, input: inputForCreateAdmin(flags, env) });
        say(`Created the admin ${admin.email} (${admin.name}). Sign in with that email and the password from ADMIN_PASSWORD.`);
        return 0;
      } catch (error) {
        if (error instanceof ConflictError) throw alreadySetUp();
        throw error;
      }
    },
  },
};

function alreadySetUp(): CliError {
  return new CliError("ClientPulse already has users, so create-admin does nothing; an admin adds people in Settings → Users.");
}

function inputForCreateApiKey(flags: Flags) {
  return {
    name: flags.name,
    scopes: parseScopes(flags.scopes),
    client_id: flags.client || undefined,
    expires_in_days: parseExpiresDays(flags["expires-days"]),
  };
}

function inputForCreateAdmin(flags: Flags, env: Env) {
  if (!env.ADMIN_PASSWORD) {
    throw new UsageError("set the password in the environment variable ADMIN_PASSWORD (it is never taken from the command line)");
  }
  return { email: flags.email, name: flags.name, password: env.ADMIN_PASSWORD };
}

function parseArgs(argv: string[]): { name: string; command: Command; flags: Flags } {
  const [name, ...rest] = argv;
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const flags: Flags = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}" for ${name}`);
    const [, flag, inline] = match;
    if (flag === "password") throw new UsageError("passwords are never taken from the command line (other users see it in ps); set ADMIN_PASSWORD instead");
    if (!command.flags.includes(flag)) throw new UsageError(`${name} has no option --${flag}`);
    if (flag in flags) throw new UsageError(`--${flag} is given twice`);
    let value = inline;
    if (value === undefined) {
      value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${flag} needs a value`);
      i++;
    }
    // `--client "$CLIENT"` with an empty variable must not quietly make an all-clients key.
    if (value.trim() === "") throw new UsageError(`--${flag} needs a value (it is empty)`);
    flags[flag] = value;
  }
  const missing = command.required.filter((f) => !flags[f]?.trim());
  if (missing.length) throw new UsageError(`${name} needs ${missing.map((f) => `--${f}`).join(" and ")}`);
  return { name, command, flags };
}

/** Checks every value with the verbs' own schemas before anything is opened. */
function precheckValues(name: string, flags: Flags, env: Env): void {
  if (name === "create-api-key") precheck(createApiKeyInputSchema, inputForCreateApiKey(flags));
  if (name === "revoke-api-key") precheck(apiKeyRefSchema, { id: flags.id });
  if (name === "create-admin") precheck(setupInputSchema, inputForCreateAdmin(flags, env));
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || ["help", "--help", "-h"].includes(argv[0])) {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const { name, command, flags } = parseArgs(argv);
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  precheckValues(name, flags, env);

  // PGlite is one process's database: while the server holds the folder, do nothing here.
  const holder = env.DATABASE_URL ? undefined : dataDirHolder(env.dataDirAbsolute);
  if (holder) throw serverOwnsFolder(holder, env.dataDirAbsolute, command);

  let database: Database | undefined;
  try {
    database = await openDatabase(targetFromEnv());
    return await command.run(systemContext(database.prisma), flags, env);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw serverOwnsFolder(error.pid, error.dataDir, command);
    throw error;
  } finally {
    await database?.close().catch(() => {});
  }
}

function serverOwnsFolder(pid: number, dataDir: string, command: Command): CliError {
  return new CliError(`The running ClientPulse server (pid ${pid}) owns the data folder ${dataDir}; ${command.whileServerRuns}.`);
}

/** Turns any failure into one line for a person; never a stack trace. */
function report(error: unknown): number {
  if (error instanceof UsageError) {
    say(`admin: ${error.message}`);
    say("");
    say(USAGE);
    return 2;
  }
  if (error instanceof AppError) {
    say(`admin: ${error.issues?.length ? describeIssues(error.issues) : error.message}`);
    return 1;
  }
  say(`admin: ${error instanceof Error && error.message ? error.message.split("\n")[0] : String(error)}`);
  return 1;
}

for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error) => process.exit(report(error)));
}

process.exit(await main(process.argv.slice(2)).catch(report));
