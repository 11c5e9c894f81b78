#!/usr/bin/env node
// `npm test`: everything, in order, with one summary line at the very end.
//   1. preflight  Chromium (for e2e), PostgreSQL server binaries (for the [postgres] suites),
//                 poppler-utils (pdftotext for the PDF tests), the generated Prisma client; installs what is missing when it can (root + apt)
//   2. lint       `npm run lint` (ESLint; one test: passed or failed)
//   3. typecheck  `npm run typecheck` (tsc --noEmit; one test: passed or failed)
//   4. vitest     unit + integration tests (PGlite and a throwaway PostgreSQL cluster)
//   5. npm start  the README's commands, literally: on a copy of the repository as a fresh clone
//                 has it (no .next, no data folder), `npm install` then `npm start` with PORT set;
//                 waits for the dashboard and /api/health-check (each check counts as a test)
//   6. e2e        Playwright + Chromium against THAT server (E2E_BASE_URL), so the documented
//                 path is the tested path: its build, its default data folder
//   7. stop       SIGTERM to `npm start`: it exits, leaves no process, and releases the data folder
// The last line is exactly "N passed, N failed[, N skipped]"; exit code 1 if anything failed.
// Environment: SKIP_VITEST=1 skips vitest (dev loops); SKIP_E2E=1 skips the browser tests;
// START_TIMEOUT_SECONDS (600) bounds npm start's build and start; KEEP_START_COPY=1 keeps the copy;
// TEST_DATABASE_URL uses an existing PostgreSQL instead of starting one; CHROMIUM_PATH picks the browser.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const resultsDir = path.join(root, "test-results");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasCommand = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

let step = 0;
const header = (title) => console.log(`\n=== [${++step}/7] ${title} ===`);
const note = (text) => console.log(`  - ${text}`);
const seconds = (start) => (Date.now() - start) / 1000;

// ---------------------------------------------------------------- child processes
// Each tool runs in its own process group (detached) and is called through its own bin
// script, not npx: a signal then reaches the tool itself and everything it started, and its
// teardown (PostgreSQL cluster, web server) runs before we exit.
const bin = {
  vitest: "node_modules/vitest/vitest.mjs",
  next: "node_modules/next/dist/bin/next",
  playwright: "node_modules/@playwright/test/cli.js",
};
const live = new Set(); // children running now (npm start runs alongside Playwright)
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\ntest.mjs: interrupted (${signal})`);
    if (live.size === 0) process.exit(130);
    for (const child of live) {
      // npm start stops on SIGTERM (the app closes its database); vitest and Playwright tear
      // down cleanly on SIGINT (Playwright leaves its web server running on SIGTERM).
      const sig = child.spawnargs.includes("start") ? "SIGTERM" : "SIGINT";
      try {
        process.kill(-child.pid, sig);
      } catch {
        child.kill(sig);
      }
    }
    const done = () => live.size === 0 && process.exit(130);
    for (const child of live) child.once("close", () => setImmediate(done));
    setTimeout(() => process.exit(130), 30_000).unref();
  });
}

/** Runs a command (output shown); resolves to its exit code (never rejects). */
function run(cmd, args, { env, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", quiet ? "ignore" : "inherit", quiet ? "pipe" : "inherit"],
      detached: true,
    });
    live.add(child);
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += d));
    child.on("error", (error) => {
      console.error(`  ! could not run ${cmd}: ${error.message}`);
      resolve(127);
    });
    child.on("close", (code, signal) => {
      live.delete(child);
      if (quiet && code !== 0 && stderr.trim()) console.error(stderr.trim().split("\n").slice(-15).join("\n"));
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Runs one of the project's own tools with this Node. */
const runTool = (name, args, options) => run(process.execPath, [bin[name], ...args], options);

/** Runs a package.json script (the one definition of lint and typecheck), through the npm running us. */
const runNpmScript = (name) =>
  process.env.npm_execpath ? run(process.execPath, [process.env.npm_execpath, "run", "--silent", name]) : run("npm", ["run", "--silent", name]);

function capture(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- preflight helpers
let aptUpdated = false;
async function aptInstall(packages) {
  if (!isRoot || !hasCommand("apt-get")) return false;
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    note("apt-get update");
    if ((await run("apt-get", ["update", "-qq"], { env, quiet: true })) !== 0) return false;
    aptUpdated = true;
  }
  note(`apt-get install ${packages.join(" ")} (one time, about a minute)`);
  return (await run("apt-get", ["install", "-y", "-qq", ...packages], { env, quiet: true })) === 0;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

/** Same search as test/support/postgres-cluster.ts. */
function findInitdb() {
  let versions = [];
  try {
    versions = readdirSync("/usr/lib/postgresql").filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a);
  } catch {
    /* none */
  }
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), "/usr/local/bin", ...versions.map((v) => `/usr/lib/postgresql/${v}/bin`)];
  return dirs.map((d) => path.join(d, "initdb")).find((p) => existsSync(p) && existsSync(path.join(path.dirname(p), "pg_ctl")));
}

function listE2eSpecs(dir = path.join(root, "e2e")) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.spec\.[cm]?[jt]sx?$/.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** How many e2e tests exist, without a browser or server (`playwright test --list`). */
function countE2eTests() {
  const r = capture(process.execPath, [bin.playwright, "test", "--list"]);
  const m = /Total:\s*(\d+)\s+tests?/.exec(r.stdout);
  return m ? Number(m[1]) : undefined;
}

// ---------------------------------------------------------------- phases
const phases = [];
const record = (name, start, counts, detail = "") => phases.push({ name, seconds: seconds(start), detail, passed: 0, failed: 0, skipped: 0, ...counts });

// 1. Preflight
const t0 = Date.now();
header("Preflight: browser, PostgreSQL, pdftotext, Prisma client");
mkdirSync(resultsDir, { recursive: true });

let chromium = findChromium();
let e2eSkipReason;
if (process.env.SKIP_E2E === "1") {
  e2eSkipReason = "SKIP_E2E=1";
} else if (!chromium) {
  if (await aptInstall(["chromium"])) chromium = findChromium();
  if (!chromium) {
    e2eSkipReason = "no Chromium";
    console.log("  ! install Chromium (apt-get install chromium) to run the end-to-end tests");
  }
}
if (chromium) note(`browser: ${chromium}`);

if (process.env.TEST_DATABASE_URL) {
  note("PostgreSQL: TEST_DATABASE_URL (existing server)");
} else if (process.env.TEST_SKIP_POSTGRES === "1") {
  note("PostgreSQL: TEST_SKIP_POSTGRES=1, the [postgres] suites will be skipped");
} else {
  let initdb = findInitdb();
  if (!initdb && isRoot && hasCommand("apt-get")) {
    // Only the binaries are wanted: stop the package from creating and starting a "main" cluster.
    try {
      mkdirSync("/etc/postgresql-common/createcluster.d", { recursive: true });
      writeFileSync("/etc/postgresql-common/createcluster.d/clientpulse-tests.conf", "create_main_cluster = false\n");
    } catch {
      /* not fatal */
    }
    if (await aptInstall(["postgresql"])) initdb = findInitdb();
  }
  if (initdb) note(`PostgreSQL: ${path.dirname(initdb)}`);
  else console.log("  ! install PostgreSQL (apt-get install postgresql) or set TEST_DATABASE_URL to run the [postgres] suites; they will be skipped");
}

// pdftotext / pdftoppm (poppler-utils): the PDF report tests read the text and pages back.
if (!hasCommand("pdftotext") && !(await aptInstall(["poppler-utils"]))) {
  console.log("  ! install poppler-utils (apt-get install poppler-utils) to run the PDF text checks; they will be skipped");
}
note(`pdftotext: ${hasCommand("pdftotext") ? "found" : "missing"}`);

if (!existsSync(path.join(root, "lib/generated/prisma/client.ts"))) {
  note("generating the Prisma client");
  if ((await run(process.execPath, ["scripts/prisma-generate.mjs"])) !== 0) console.log("  ! prisma generate failed; expect failures");
} else {
  note("Prisma client: generated");
}
const preflightSeconds = seconds(t0);

// 2–3. Static checks: each is one test; their findings print above the summary.
for (const { script, title } of [
  { script: "lint", title: "Lint (ESLint)" },
  { script: "typecheck", title: "Type check (tsc --noEmit)" },
]) {
  header(title);
  const started = Date.now();
  const code = await runNpmScript(script);
  record(script, started, code === 0 ? { passed: 1 } : { failed: 1 }, code === 0 ? "" : `npm run ${script} exited ${code}`);
}

// 4. Unit + integration
header("Unit + integration tests (vitest)");
let start = Date.now();
if (process.env.SKIP_VITEST === "1") {
  note("SKIP_VITEST=1: not run");
  record("unit + integration", start, { skipped: 1 }, "skipped: SKIP_VITEST=1 (the whole suite counts as 1)");
} else {
  const vitestJson = path.join(resultsDir, "vitest.json");
  rmSync(vitestJson, { force: true });
  const vitestCode = await runTool("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.relative(root, vitestJson)}`]);
  const report = readJson(vitestJson);
  if (!report) {
    record("unit + integration", start, { failed: 1 }, `vitest exited ${vitestCode} without a JSON report`);
  } else {
    const counts = {
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    };
    let detail = "";
    if (vitestCode !== 0 && counts.failed === 0) {
      // A file that fails to import, or an unhandled error, fails the run without failing a test.
      counts.failed = Math.max(1, report.numFailedTestSuites ?? 0);
      detail = `vitest exited ${vitestCode}: failed suites or unhandled errors`;
    }
    record("unit + integration", start, counts, detail);
  }
}

// 5. The README's commands, literally, on a copy of the repository as a fresh clone has it
header("README: npm install && npm start on a fresh copy (no .next, no data folder)");
start = Date.now();
const checks = []; // { name, ok, detail }
const check = (name, ok, detail = "") => {
  checks.push({ name, ok, detail });
  console.log(`  ${ok ? "✓" : "✗"} ${name}${detail ? ` (${detail})` : ""}`);
  return ok;
};
const startTimeoutMs = Number(process.env.START_TIMEOUT_SECONDS || 600) * 1000;
const migrationCount = readdirSync(path.join(root, "prisma/migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).length;
let server; // { child, port, copy, output }
try {
  server = await startFromFreshCopy();
} catch (error) {
  check("start: a fresh copy of the repository", false, error.message);
}
const recordChecks = (name, since) => {
  const failedChecks = checks.filter((c) => !c.ok);
  record(name, since, { passed: checks.length - failedChecks.length, failed: failedChecks.length }, failedChecks.map((c) => c.name).join("; "));
  checks.length = 0;
};
const serving = checks.every((c) => c.ok) && server?.serving;
recordChecks("npm start", start);

// 6. End to end, against the server `npm start` started
header("End-to-end tests (Playwright + Chromium) against that server");
start = Date.now();
const specs = listE2eSpecs();
if (specs.length === 0) {
  note("no e2e/*.spec.ts files");
  record("e2e", start, {}, "no specs");
} else if (e2eSkipReason || !serving) {
  const reason = e2eSkipReason ?? "npm start did not serve";
  const n = countE2eTests();
  note(`skipped (${reason}): ${n ?? "1 suite of"} test${n === 1 ? "" : "s"} not run`);
  record("e2e", start, { skipped: n ?? 1 }, `skipped: ${reason}`);
} else {
  const pwJson = path.join(resultsDir, "playwright.json");
  rmSync(pwJson, { force: true });
  const baseUrl = `http://127.0.0.1:${server.port}`;
  note(`E2E_BASE_URL=${baseUrl}`);
  const code = await runTool("playwright", ["test"], { env: { CHROMIUM_PATH: chromium, E2E_BASE_URL: baseUrl } });
  const report = readJson(pwJson);
  if (!report?.stats) {
    record("e2e", start, { failed: 1 }, `playwright exited ${code} without a JSON report`);
  } else {
    const s = report.stats;
    const counts = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
    let detail = s.flaky ? `${s.flaky} flaky (passed on retry)` : "";
    if (code !== 0 && counts.failed === 0) {
      // A spec did not compile, the global timeout hit, …
      counts.failed = 1;
      const first = report.errors?.[0]?.message?.split("\n")[0];
      detail = `playwright exited ${code}${first ? `: ${first}` : ""}`;
    }
    record("e2e", start, counts, detail);
  }
}

// 7. Stop it as a process manager would: SIGTERM to `npm start`
if (server) {
  header("Stop npm start (SIGTERM) and check the data folder is released");
  start = Date.now();
  await stopServer(server);
  recordChecks("npm start: stop", start);
  if (process.env.KEEP_START_COPY === "1") note(`kept ${server.copy} (KEEP_START_COPY=1)`);
  else rmSync(path.dirname(server.copy), { recursive: true, force: true });
}

// ---------------------------------------------------------------- the npm start phases
/**
 * Copies the repository as a clone would have it (tracked files plus new files git does not
 * ignore: no .next, no .data, no lib/generated), links node_modules in (hard links: no network,
 * seconds), runs `npm install` there (offline: the packages are already in place; it runs the
 * postinstall that generates the Prisma client), then `npm start` with only PORT set, and waits
 * until the dashboard and /api/health-check answer.
 */
async function startFromFreshCopy() {
  const listing = capture("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  if (listing.code !== 0) throw new Error(`git ls-files failed: ${listing.stderr.trim().split("\n")[0]}`);
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), "clientpulse-npm-start-")), "clientpulse");
  let files = 0;
  for (const file of listing.stdout.split("\0").filter(Boolean)) {
    const from = path.join(root, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(from, path.join(copy, file), { verbatimSymlinks: true });
    files++;
  }
  note(`copied ${files} files to ${copy}`);
  linkNodeModules(path.join(root, "node_modules"), path.join(copy, "node_modules"));
  const lockBefore = readFileSync(path.join(copy, "package-lock.json"), "utf8");
  // The npm that runs this script (npm test), else the one on PATH.
  const npm = process.env.npm_execpath?.endsWith(".js") ? [process.execPath, process.env.npm_execpath] : ["npm"];
  const env = { ...process.env, PORT: "", NEXT_TELEMETRY_DISABLED: "1" };
  // What a user's shell would not have: the outer npm's variables, and settings that change where
  // the data goes or who exists. ALLOWED_PRIVATE_TARGETS lets the e2e checks reach the demo fleet on
  // this server.
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  for (const key of ["DATA_DIR", "DATABASE_URL", "ADMIN_EMAIL", "ADMIN_PASSWORD", "APP_URL", "HOSTNAME", "NODE_ENV"]) delete env[key];
  env.ALLOWED_PRIVATE_TARGETS = "127.0.0.1,::1";

  note("npm install --offline (the packages are in place; runs the postinstall)");
  const install = spawnSync(npm[0], [...npm.slice(1), "install", "--offline", "--no-audit", "--no-fund"], { cwd: copy, env, encoding: "utf8", timeout: 300_000 });
  check("install: npm install succeeds", install.status === 0, install.status === 0 ? "" : `exit ${install.status ?? install.signal}: ${(install.stderr ?? "").trim().split("\n").slice(-3).join(" | ")}`);
  check("install: package-lock.json is not rewritten", readFileSync(path.join(copy, "package-lock.json"), "utf8") === lockBefore);

  const port = await freePort();
  env.PORT = String(port);
  const logFile = path.join(resultsDir, "npm-start.log");
  note(`npm start with PORT=${port} (and no DATA_DIR: the default ./.data); output also in ${path.relative(root, logFile)}`);
  const child = spawn(npm[0], [...npm.slice(1), "start"], { cwd: copy, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  live.add(child);
  const server = { child, port, copy, output: "", serving: false, exit: undefined };
  writeFileSync(logFile, "");
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (d) => {
      server.output += d;
      appendFileSync(logFile, d);
      process.stdout.write(String(d).replace(/^(?=.)/gm, "  │ "));
    });
  }
  server.exited = new Promise((resolve) =>
    child.on("close", (code, signal) => {
      live.delete(child);
      server.exit = { code, signal };
      resolve(server.exit);
    }),
  );

  const deadline = Date.now() + startTimeoutMs;
  let health;
  while (Date.now() < deadline && !server.exit) {
    health = await fetchJson(`http://127.0.0.1:${port}/api/health-check`);
    if (health?.status === 200) break;
    await Promise.race([sleep(1000), server.exited]);
  }
  if (server.exit) {
    check("start: npm start builds and serves", false, `npm start exited (${server.exit.code ?? server.exit.signal}) before serving; see the output above`);
    return server;
  }
  if (health?.status !== 200) {
    check("start: npm start builds and serves", false, `nothing served within ${startTimeoutMs / 1000} s (START_TIMEOUT_SECONDS)`);
    return server;
  }
  note(`served after ${seconds(start).toFixed(1)} s`);
  const h = health.body;
  check("start: /api/health-check answers ok", h?.status === "ok" && h.database?.reachable === true, JSON.stringify(h?.database ?? h));
  check(
    `start: every migration applied to the embedded database (${migrationCount})`,
    h?.database?.kind === "pglite" && h.database.migrations === migrationCount,
    `kind ${h?.database?.kind}, migrations ${h?.database?.migrations}`,
  );
  // The dashboard: on a fresh data folder it leads to /setup (the first admin).
  const page = await fetchText(`http://localhost:${port}/`);
  check(
    "start: the dashboard is served on http://localhost:PORT (→ /setup on a fresh data folder)",
    page?.status === 200 && new URL(page.url).pathname === "/setup" && page.text.includes("Set up ClientPulse"),
    page ? `${page.status} ${page.url}` : "no answer",
  );
  // The server, not the build, opened ./.data: it applied every migration itself and took over
  // no lock. (A build that opens the database leaves a lock and a migrated folder behind.)
  const opened = `ClientPulse database: embedded PGlite (./.data), applied ${migrationCount} migration(s)`;
  check("start: the build left the data folder alone (the server created ./.data)", server.output.includes(opened) && !/took over the data folder/.test(server.output), server.output.includes(opened) ? "" : `no line "${opened}"`);
  server.serving = true;
  return server;
}

async function stopServer(server) {
  const lock = path.join(server.copy, ".data/clientpulse.lock");
  if (!server.exit) {
    const started = Date.now();
    server.child.kill("SIGTERM"); // to npm itself, as a process manager would
    const exit = await Promise.race([server.exited, sleep(20_000)]);
    check("stop: SIGTERM stops npm start", !!exit, exit ? `exit ${exit.code ?? exit.signal} after ${seconds(started).toFixed(1)} s` : "still running after 20 s");
  }
  // npm exits at once; the server behind it must follow (closing the database first).
  const deadline = Date.now() + 20_000;
  while (groupAlive(server.child) && Date.now() < deadline) await sleep(200);
  check("stop: no process of npm start is left", !groupAlive(server.child), groupAlive(server.child) ? "still running 20 s after npm exited; killed" : "");
  killGroup(server.child, "SIGKILL");
  if (server.serving) {
    check("stop: the data folder's lock is released", existsSync(path.join(server.copy, ".data/pglite")) && !existsSync(lock), existsSync(lock) ? readFileSync(lock, "utf8").trim() : "");
  }
}

function linkNodeModules(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry === ".cache") continue; // tool and benchmark caches: not part of an install
    const src = path.join(from, entry);
    // npm rewrites its hidden lock file in place: a hard link would change the original too.
    if (entry === ".package-lock.json") {
      cpSync(src, path.join(to, entry));
      continue;
    }
    const linked = spawnSync("cp", ["-al", src, to], { stdio: "ignore" });
    if (linked.status !== 0) cpSync(src, path.join(to, entry), { recursive: true, verbatimSymlinks: true });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function fetchJson(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  } catch {
    return undefined;
  }
}

async function fetchText(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    return { status: res.status, url: res.url, text: await res.text() };
  } catch {
    return undefined;
  }
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* gone */
  }
}

function groupAlive(child) {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- summary
const total = phases.reduce((t, p) => ({ passed: t.passed + p.passed, failed: t.failed + p.failed, skipped: t.skipped + p.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
const pad = (v, n) => String(v).padStart(n);
const rows = [
  `  ${"phase".padEnd(20)}${pad("passed", 8)}${pad("failed", 8)}${pad("skipped", 9)}${pad("seconds", 9)}`,
  `  ${"preflight".padEnd(20)}${pad("", 8)}${pad("", 8)}${pad("", 9)}${pad(preflightSeconds.toFixed(1), 9)}`,
  ...phases.map(
    (p) =>
      `  ${p.name.padEnd(20)}${pad(p.passed, 8)}${pad(p.failed, 8)}${pad(p.skipped, 9)}${pad(p.seconds.toFixed(1), 9)}${p.detail ? `  ${p.detail}` : ""}`,
  ),
  `  ${"total".padEnd(20)}${pad(total.passed, 8)}${pad(total.failed, 8)}${pad(total.skipped, 9)}${pad(seconds(t0).toFixed(1), 9)}`,
];
console.log(`\n=== Summary ===\n${rows.join("\n")}\n`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ""}`);
process.exitCode = total.failed > 0 ? 1 : 0;
