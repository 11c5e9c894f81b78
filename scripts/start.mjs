#!/usr/bin/env node
// npm start: build the production app when the sources are newer than the last build, then
// serve it (http://localhost:3000 by default; PORT and HOSTNAME change that). The database
// opens and migrates itself when the server starts (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
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
  // Fail before a long build if another server already owns the embedded database.
  const dataDir = path.resolve(process.env.DATA_DIR ?? "./.data");
  const lock = path.join(dataDir, "clientpulse.lock");
  if (existsSync(lock)) {
    const { readFileSync } = await import("node:fs");
    const pid = Number(readFileSync(lock, "utf8").trim());
    let alive;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch (e) {
      alive = e.code === "EPERM";
    }
    if (alive && pid !== process.pid) {
      console.error(`ClientPulse cannot start: the data folder ${dataDir} is in use by another ClientPulse process (pid ${pid}). Stop it, or set DATA_DIR to another folder.`);
      process.exit(1);
    }
  }
}

const reason = needsBuild();
if (reason) {
  console.log(`Building ClientPulse (${reason})…`);
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", cwd: projectRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
const args = [nextBin, "start", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])];
// NEXT_MANUAL_SIG_HANDLE: the app's own handler (instrumentation-node.ts) stops the scheduler
// and closes the database before the process exits.
const server = spawn(process.execPath, args, { stdio: "inherit", cwd: projectRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_MANUAL_SIG_HANDLE: "true" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
