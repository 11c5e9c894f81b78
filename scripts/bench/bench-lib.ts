// Small helpers shared by the benchmark scripts: flags, percentiles, CPU and memory figures,
// child processes, a throwaway PostgreSQL. No app imports here (lib/env must not be read early).
import { fork, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(benchDir, "../..");

/** `--name value`, `--name=value` and bare `--flag` (true). Unknown flags are an error. */
function parseFlags(argv: string[], known: Record<string, "string" | "number" | "boolean">): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]!);
    if (!m) throw new Error(`unexpected argument "${argv[i]}"`);
    const [, name, inline] = m;
    const type = known[name!];
    if (!type) throw new Error(`unknown flag --${name} (known: ${Object.keys(known).map((k) => `--${k}`).join(" ")})`);
    if (type === "boolean") {
      out[name!] = inline === undefined ? true : !/^(0|false|no)$/i.test(inline);
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`--${name} needs a value`);
    if (type === "number") {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number (got "${raw}")`);
      out[name!] = n;
    } else out[name!] = raw;
  }
  return out;
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function sortedCopy(values: Iterable<number>): Float64Array {
  return Float64Array.from(values).sort();
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ms` : "n/a");
export const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
export const pct = (v: number) => `${v.toFixed(1)} %`;
export const int = (v: number) => Math.round(v).toLocaleString("en-US");

/** CPU seconds (user + system) between two process.cpuUsage() readings. */
export function cpuSeconds(a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): number {
  return (b.user - a.user + (b.system - a.system)) / 1e6;
}

/** Busy and total CPU time of the whole machine (all processes), from os.cpus(). */
export function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  return { busy, total };
}

export function machineBusyPct(a: { busy: number; total: number }, b: { busy: number; total: number }): number {
  const total = b.total - a.total;
  return total > 0 ? ((b.busy - a.busy) / total) * 100 : Number.NaN;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Forks a TypeScript file of this folder with the same tsx loader this process runs under. */
export function forkTs(file: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return fork(path.join(benchDir, file), args, { cwd: projectRoot, env, execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/** The next IPC message of the given type from a child (rejects if the child exits first). */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: T["type"], timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      if ((m as { type?: string })?.type === type) {
        cleanup();
        resolve(m as T);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (code ${code}) before sending "${type}"`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child ${child.pid} sent no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

export const sleep = (msDelay: number) => new Promise((r) => setTimeout(r, msDelay));

export function die(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** "postgresql://user:pw@host:5432/db" → "postgresql://host:5432/db" (the app's own redaction). */
export { redactDatabaseUrl as redact } from "@/lib/db/client";

/**
 * The PostgreSQL server a --db postgres run uses: DATABASE_URL's, else a throwaway cluster
 * (stopped by the returned cleanup), with a phrase saying which.
 */
export async function postgresServer(cleanups: (() => unknown)[]): Promise<{ adminUrl: string; where: string }> {
  const given = process.env.DATABASE_URL?.trim();
  if (given) return { adminUrl: given, where: "DATABASE_URL's server" };
  const { startPostgresCluster } = await import("@/test/support/postgres-cluster");
  const started = await startPostgresCluster();
  if (!started.cluster) die(`no PostgreSQL: ${started.skipReason}`);
  cleanups.push(() => started.cluster.stop());
  return { adminUrl: started.cluster.url, where: "a throwaway cluster (fsync off, synchronous_commit off)" };
}

/**
 * A fresh database for one run: an embedded PGlite folder in the temp dir, or a database created
 * on PostgreSQL (postgresServer) and dropped by the cleanups unless `keep`. For a server on this
 * machine, its postmaster's pid (its processes' CPU is reported; needs a superuser to see the folder).
 */
export async function benchDatabase(
  dbKind: "pglite" | "postgres",
  { prefix, keep, cleanups }: { prefix: string; keep: boolean; cleanups: (() => unknown)[] },
): Promise<{ target: import("@/lib/db/client").DatabaseTarget; label: string; postmasterPid?: number }> {
  if (dbKind === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), `cp-bench-${prefix}-`));
    if (!keep) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { target: { kind: "pglite", dataDir: dir }, label: `embedded PGlite, fresh folder ${dir}` };
  }
  const { redactDatabaseUrl } = await import("@/lib/db/client");
  const { adminUrl, where } = await postgresServer(cleanups);
  const name = `cp_bench_${prefix}_${Math.random().toString(16).slice(2, 8)}`;
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    let postmasterPid: number | undefined;
    try {
      const dir = (await admin.query<{ data_directory: string }>("SHOW data_directory")).rows[0]!.data_directory;
      postmasterPid = Number(readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      postmasterPid = undefined;
    }
    const url = withDatabase(adminUrl, name);
    if (!keep) {
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
      });
    }
    return { target: { kind: "postgres", url }, label: `PostgreSQL ${redactDatabaseUrl(url)} on ${where} (created for this run)`, postmasterPid };
  } catch (error) {
    die(`cannot create a database for the run on ${redactDatabaseUrl(adminUrl)} (${(error as Error).message}); give DATABASE_URL a role that may CREATE DATABASE`);
  } finally {
    await admin.end();
  }
}

/** A database URL on the same server with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function line(label: string, value: string): string {
  return `  ${label.padEnd(34)} ${value}`;
}

/** Bytes on disk under a folder (like du), 0 when it does not exist. */
export function diskUsage(dir: string): number {
  if (!existsSync(dir)) return 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) bytes += diskUsage(p);
    else if (entry.isFile()) bytes += statSync(p).blocks * 512;
  }
  return bytes;
}

/** Resident memory and CPU seconds of a process and all its descendants (exited ones included), from Linux's /proc. */
export function processTreeFigures(rootPid: number): { rss: number; cpuSec: number; processes: number } {
  const ticks = 100; // USER_HZ
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const child of readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) pids.push(Number(child));
    } catch {
      /* gone */
    }
  }
  let rss = 0;
  let cpuSec = 0;
  let processes = 0;
  for (const pid of pids) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      // utime + stime, plus cutime + cstime: the CPU of children that exited and were waited for
      // (PostgreSQL backends of closed connections), which a sum over live processes would lose.
      cpuSec += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / ticks;
      processes++;
    } catch {
      /* gone */
    }
  }
  return { rss, cpuSec, processes };
}

/**
 * The command line of a bench script: its flags (plus --help and --db), the usage on --help or
 * on a bad flag, and the database kind (pglite by default).
 */
export function benchCommandLine(known: Record<string, "string" | "number" | "boolean">, usage: string) {
  let flags: Record<string, string | number | boolean>;
  try {
    flags = parseFlags(process.argv.slice(2), { ...known, db: "string", help: "boolean" });
  } catch (error) {
    die(`${(error as Error).message}\n${usage}`);
  }
  if (flags.help) {
    console.log(usage);
    process.exit(0);
  }
  const dbKind = String(flags.db ?? "pglite");
  if (dbKind !== "pglite" && dbKind !== "postgres") die(`--db must be pglite or postgres\n${usage}`);
  return { flags, dbKind: dbKind as "pglite" | "postgres" };
}

/** A short hash of the migrations: part of a cached data folder's key (a new migration regenerates). */
export function migrationsFingerprint(): string {
  const dir = path.join(projectRoot, "prisma", "migrations");
  const names = readdirSync(dir).filter((n) => existsSync(path.join(dir, n, "migration.sql"))).sort();
  const hash = createHash("sha256");
  for (const n of names) hash.update(n).update(readFileSync(path.join(dir, n, "migration.sql")));
  return hash.digest("hex").slice(0, 10);
}
