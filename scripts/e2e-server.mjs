#!/usr/bin/env node
// The server of `npm run test:e2e` (playwright.config.ts → webServer, when E2E_BASE_URL is not
// set): `npm start`'s own script (scripts/start.mjs: it builds when the sources changed since the
// last build) on a fresh, empty temp data folder that is deleted on exit. `npm test` does not use
// this: it runs `npm start` itself on a fresh copy of the repository and points Playwright at it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = String(process.env.E2E_PORT || 3100);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "clientpulse-e2e-"));
let cleaned = false;
const cleanup = () => {
  if (cleaned) return;
  cleaned = true;
  rmSync(dataDir, { recursive: true, force: true });
};

const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: port,
  HOSTNAME: "127.0.0.1",
  ALLOWED_PRIVATE_TARGETS: "127.0.0.1,::1",
  NEXT_TELEMETRY_DISABLED: "1",
};
delete env.DATABASE_URL; // always the embedded database on the fresh folder
delete env.NODE_ENV; // next build / next start set their own

console.log(`e2e-server: npm start's script on http://127.0.0.1:${port} with DATA_DIR=${dataDir}`);
const child = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { cwd: root, env, stdio: "inherit" });

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (error) => {
  console.error(`e2e-server: could not start: ${error.message}`);
  cleanup();
  process.exit(1);
});
child.on("exit", (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 0 : 1));
});
process.on("exit", cleanup);
