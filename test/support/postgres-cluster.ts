// A throwaway PostgreSQL server for the integration tests: initdb into a fresh temp folder,
// start it on a free localhost port with durability switched off (fast, and the data is
// deleted afterwards anyway), hand back its URL. TEST_DATABASE_URL short-circuits all of it.
// Never throws: when no server can be had, returns the reason so the suites can skip loudly.
import { execFile, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface PostgresCluster {
  /** postgresql://postgres@127.0.0.1:PORT/postgres (or TEST_DATABASE_URL) */
  url: string;
  /** "external" when TEST_DATABASE_URL was given (stop() then does nothing). */
  source: "throwaway" | "external";
  stop(): Promise<void>;
}

export type StartResult = { cluster: PostgresCluster; skipReason?: undefined } | { cluster?: undefined; skipReason: string };

/** Directory holding initdb + pg_ctl: PATH, /usr/local/bin, then /usr/lib/postgresql/<newest>/bin. */
function findPostgresBinDir(): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean),
    "/usr/local/bin",
    ...listPostgresqlVersions().map((v) => `/usr/lib/postgresql/${v}/bin`),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
}

function listPostgresqlVersions(): string[] {
  try {
    return readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
  } catch {
    return [];
  }
}

function freePort(): Promise<number> {
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

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary, as `nobody` when we are root (postgres refuses to run as root). */
async function runPg(bin: string, args: string[], cwd: string): Promise<void> {
  const env = { ...process.env, LC_ALL: "C", LANG: "C", PGTZ: "UTC" };
  if (isRoot()) {
    const command = `cd ${shellQuote(cwd)} && exec ${[bin, ...args].map(shellQuote).join(" ")}`;
    await run("su", ["nobody", "-s", "/bin/sh", "-c", command], { cwd, env, timeout: 60_000 });
  } else {
    await run(bin, args, { cwd, env, timeout: 60_000 });
  }
}

function runPgSync(bin: string, args: string[], cwd: string): void {
  const command = isRoot()
    ? ["su", ["nobody", "-s", "/bin/sh", "-c", `cd ${shellQuote(cwd)} && exec ${[bin, ...args].map(shellQuote).join(" ")}`]] as const
    : ([bin, args] as const);
  spawnSync(command[0], [...command[1]], { cwd, stdio: "ignore", timeout: 30_000 });
}

function describeError(error: unknown, logFile?: string): string {
  const e = error as { stderr?: string; message?: string };
  let text = (e.stderr || e.message || String(error)).trim();
  if (logFile && existsSync(logFile)) {
    try {
      text += ` | server log: ${readFileSync(logFile, "utf8").trim().split("\n").slice(-3).join(" / ")}`;
    } catch {
      /* ignore */
    }
  }
  return text.replace(/\s+/g, " ").slice(0, 600);
}

export async function startPostgresCluster(): Promise<StartResult> {
  const external = process.env.TEST_DATABASE_URL?.trim();
  if (external) return { cluster: { url: external, source: "external", stop: async () => {} } };
  if (process.env.TEST_SKIP_POSTGRES === "1") return { skipReason: "TEST_SKIP_POSTGRES=1 is set" };

  const binDir = findPostgresBinDir();
  if (!binDir) {
    return {
      skipReason:
        "PostgreSQL server binaries (initdb, pg_ctl) not found in PATH, /usr/local/bin or /usr/lib/postgresql/*/bin; " +
        "install them (apt-get install postgresql) or set TEST_DATABASE_URL",
    };
  }
  const initdb = path.join(binDir, "initdb");
  const pgCtl = path.join(binDir, "pg_ctl");

  let dir: string;
  try {
    dir = mkdtempSync(path.join(os.tmpdir(), "cp-pg-"));
    if (isRoot()) {
      const nobody = spawnSync("id", ["-u", "nobody"], { encoding: "utf8" });
      const uid = Number(nobody.stdout.trim());
      const gid = Number(spawnSync("id", ["-g", "nobody"], { encoding: "utf8" }).stdout.trim());
      if (!Number.isInteger(uid) || nobody.status !== 0) return { skipReason: "running as root but there is no `nobody` user to run PostgreSQL as" };
      chownSync(dir, uid, gid);
    }
  } catch (error) {
    return { skipReason: `could not create a temp folder for PostgreSQL: ${describeError(error)}` };
  }
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "log");

  try {
    await runPg(initdb, ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"], dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { skipReason: `initdb failed: ${describeError(error)}` };
  }

  let lastError = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const options = [
      `-k ${dir}`,
      `-p ${port}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200", // 2 workers × several test files × a pool of 10 each
    ].join(" ");
    try {
      await runPg(pgCtl, ["-D", dataDir, "-o", options, "-l", logFile, "-w", "-t", "30", "start"], dir);
    } catch (error) {
      lastError = describeError(error, logFile);
      runPgSync(pgCtl, ["-D", dataDir, "stop", "-m", "immediate"], dir);
      continue; // most likely the port was taken between freePort() and start: try another
    }

    let stopped = false;
    const stopSync = () => {
      if (stopped) return;
      stopped = true;
      runPgSync(pgCtl, ["-D", dataDir, "stop", "-m", "immediate", "-w"], dir);
      rmSync(dir, { recursive: true, force: true });
    };
    // Safety net: a run that dies without teardown must not leave a server behind.
    process.once("exit", stopSync);
    return {
      cluster: {
        url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
        source: "throwaway",
        async stop() {
          if (stopped) return;
          process.removeListener("exit", stopSync);
          try {
            await runPg(pgCtl, ["-D", dataDir, "stop", "-m", "immediate", "-w"], dir);
          } catch {
            /* already gone */
          }
          stopped = true;
          rmSync(dir, { recursive: true, force: true });
        },
      },
    };
  }
  rmSync(dir, { recursive: true, force: true });
  return { skipReason: `PostgreSQL did not start: ${lastError}` };
}
