#!/usr/bin/env node
// `npm test`: everything, in order, with one summary line at the very end.
//   1. preflight  Chromium (for e2e), PostgreSQL server binaries (for the [postgres] suites),
//                 the generated Prisma client; installs what is missing when it can (root + apt)
//   2. lint       `npm run lint` (ESLint; one test: passed or failed)
//   3. typecheck  `npm run typecheck` (tsc --noEmit; one test: passed or failed)
//   4. vitest     unit + integration tests (PGlite and a throwaway PostgreSQL cluster)
//   5. build      `next build` (the production build the e2e tests run against)
//   6. e2e        Playwright + Chromium against `next start` on a fresh data folder
// The last line is exactly "N passed, N failed[, N skipped]"; exit code 1 if anything failed.
// Environment: SKIP_BUILD=1 reuses an existing .next build; SKIP_E2E=1 skips the browser tests;
// TEST_DATABASE_URL uses an existing PostgreSQL instead of starting one; CHROMIUM_PATH picks the browser.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const resultsDir = path.join(root, "test-results");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasCommand = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

let step = 0;
const header = (title) => console.log(`\n=== [${++step}/6] ${title} ===`);
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
let current;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\ntest.mjs: interrupted (${signal})`);
    const child = current;
    if (!child || child.exitCode !== null || child.signalCode !== null) process.exit(130);
    // SIGINT whatever we got: it is the signal vitest and Playwright tear down cleanly on
    // (Playwright leaves its web server running on SIGTERM).
    try {
      process.kill(-child.pid, "SIGINT");
    } catch {
      child.kill("SIGINT");
    }
    child.once("close", () => process.exit(130));
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
    current = child;
    let stderr = "";
    child.stderr?.on("data", (d) => (stderr += d));
    child.on("error", (error) => {
      console.error(`  ! could not run ${cmd}: ${error.message}`);
      resolve(127);
    });
    child.on("close", (code, signal) => {
      current = undefined;
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
header("Preflight: browser, PostgreSQL, Prisma client");
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
const vitestJson = path.join(resultsDir, "vitest.json");
rmSync(vitestJson, { force: true });
const vitestCode = await runTool("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.relative(root, vitestJson)}`]);
{
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

// 5. Production build
header("Production build (next build)");
start = Date.now();
let buildOk;
if (process.env.SKIP_BUILD === "1" && existsSync(path.join(root, ".next/BUILD_ID"))) {
  note("SKIP_BUILD=1: reusing the existing .next build");
  buildOk = true;
  record("build", start, {}, "reused (SKIP_BUILD=1)");
} else {
  const code = await runTool("next", ["build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } });
  buildOk = code === 0 && existsSync(path.join(root, ".next/BUILD_ID"));
  record("build", start, buildOk ? { passed: 1 } : { failed: 1 }, buildOk ? "" : `next build exited ${code}`);
}

// 6. End to end
header("End-to-end tests (Playwright + Chromium)");
start = Date.now();
const specs = listE2eSpecs();
if (specs.length === 0) {
  note("no e2e/*.spec.ts files");
  record("e2e", start, {}, "no specs");
} else if (e2eSkipReason || !buildOk) {
  const reason = e2eSkipReason ?? "the production build failed";
  const n = countE2eTests();
  note(`skipped (${reason}): ${n ?? "1 suite of"} test${n === 1 ? "" : "s"} not run`);
  record("e2e", start, { skipped: n ?? 1 }, `skipped: ${reason}`);
} else {
  const pwJson = path.join(resultsDir, "playwright.json");
  rmSync(pwJson, { force: true });
  const code = await runTool("playwright", ["test"], { env: { CHROMIUM_PATH: chromium } });
  const report = readJson(pwJson);
  if (!report?.stats) {
    record("e2e", start, { failed: 1 }, `playwright exited ${code} without a JSON report`);
  } else {
    const s = report.stats;
    const counts = { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
    let detail = s.flaky ? `${s.flaky} flaky (passed on retry)` : "";
    if (code !== 0 && counts.failed === 0) {
      // The web server did not start, a spec did not compile, the global timeout hit, …
      counts.failed = 1;
      const first = report.errors?.[0]?.message?.split("\n")[0];
      detail = `playwright exited ${code}${first ? `: ${first}` : ""}`;
    }
    record("e2e", start, counts, detail);
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
