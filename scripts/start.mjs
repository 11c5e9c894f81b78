#!/usr/bin/env node
// npm start: build the production app when the sources are newer than the last build, then
// serve it (http://localhost:3000 by default; PORT and HOSTNAME change that). The database
// opens and migrates itself when the server starts (instrumentation.ts).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataDirLockedError, dataDirHolder, processStartTime } from "../lib/db/data-dir-lock.mjs";
import { projectRoot } from "./lib/dev-tools.mjs";

const nextBin = path.join(projectRoot, "node_modules/next/dist/bin/next");
const buildId = path.join(projectRoot, ".next/BUILD_ID");
const SOURCES = ["app", "components", "lib", "prisma", "public", "instrumentation.ts", "next.config.mjs", "package.json", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function needsBuild() {
  if (!existsSync(buildId)) return "no build yet";
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(projectRoot, s)) > built) ? "sources changed since the last build" : undefined;
}

if (!process.env.DATABASE_URL) {
  // Fail before a long build (which would replace .next under the running server) if another
  // live ClientPulse process owns the embedded database. A stale lock is left for the server,
  // which takes it over with one line. The server resolves DATA_DIR from the same folder.
  const dataDir = path.resolve(projectRoot, process.env.DATA_DIR || "./.data");
  const holder = dataDirHolder(dataDir);
  if (holder) {
    console.error(`ClientPulse cannot start: ${new DataDirLockedError(dataDir, holder).message}`);
    process.exit(1);
  }
}

/**
 * The `npm` process that runs this script (through `sh -c`), found on Linux through /proc, or
 * undefined. npm 11 exits at once on SIGTERM without passing it on (measured), which would leave
 * the server running, orphaned, still holding the data folder.
 */
function npmAncestor() {
  if (!process.env.npm_lifecycle_event) return undefined;
  let pid = process.ppid;
  for (let depth = 0; depth < 3 && pid > 1; depth++) {
    try {
      if (/(^|\/)npm(-cli\.js)?\b/.test(readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "))) {
        return { pid, startTime: processStartTime(pid) };
      }
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
const npm = npmAncestor();
const npmGone = () => {
  try {
    process.kill(npm.pid, 0);
  } catch {
    return true;
  }
  return processStartTime(npm.pid) !== npm.startTime;
};

/**
 * Runs a child that gets the signals this process gets (and SIGTERM when the npm that started
 * us is gone); resolves with its exit.
 */
function runForwardingSignals(args, env) {
  const child = spawn(process.execPath, args, { stdio: "inherit", cwd: projectRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  const forward = (signal) => child.kill(signal);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, forward);
  const watch = npm && setInterval(() => npmGone() && (clearInterval(watch), forward("SIGTERM")), 500);
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      for (const s of ["SIGINT", "SIGTERM", "SIGHUP"]) process.off(s, forward);
      if (watch) clearInterval(watch);
      resolve({ code, signal });
    }),
  );
}

const reason = needsBuild();
if (reason) {
  console.log(`Building ClientPulse (${reason})…`);
  const build = await runForwardingSignals([nextBin, "build"]);
  if (build.code !== 0) process.exit(build.code ?? 1);
}

const port = process.env.PORT || "3000";
const args = [nextBin, "start", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])];
// NEXT_MANUAL_SIG_HANDLE: the app's own handler (instrumentation-node.ts) stops the scheduler
// and closes the database before the process exits.
const server = await runForwardingSignals(args, { NEXT_MANUAL_SIG_HANDLE: "true" });
process.exit(server.code ?? 128 + (os.constants.signals[server.signal] ?? 0));
