#!/usr/bin/env node
// The server Playwright tests against (playwright.config.ts → webServer): the production
// build (`next start`) on a fresh, empty temp data folder that is deleted on exit.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.error("e2e-server: no production build found (.next/BUILD_ID); run `npm run build` first.");
  process.exit(1);
}

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
  NODE_ENV: "production",
  ALLOWED_PRIVATE_TARGETS: "127.0.0.1,::1",
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_MANUAL_SIG_HANDLE: "true", // the app stops its scheduler and closes the database itself
};
delete env.DATABASE_URL; // always the embedded database on the fresh folder

console.log(`e2e-server: next start on http://127.0.0.1:${port} with DATA_DIR=${dataDir}`);
const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", port, "-H", "127.0.0.1"], {
  cwd: root,
  env,
  stdio: "inherit",
});

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (error) => {
  console.error(`e2e-server: could not start next: ${error.message}`);
  cleanup();
  process.exit(1);
});
child.on("exit", (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 0 : 1));
});
process.on("exit", cleanup);
