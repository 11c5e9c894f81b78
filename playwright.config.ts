// End-to-end tests: Chromium against the production server on a fresh, empty data folder.
// - `npm test` runs `npm start` itself (on a fresh copy of the repository) and sets E2E_BASE_URL:
//   the suite then uses that running server and starts none.
// - `npm run test:e2e` (dev loop) starts scripts/e2e-server.mjs: npm start's own script (it
//   builds when the sources changed) on a temp data folder, port E2E_PORT (3100).
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const external = process.env.E2E_BASE_URL?.replace(/\/+$/, "");
const baseURL = external ?? `http://127.0.0.1:${process.env.E2E_PORT || 3100}`;
const port = new URL(baseURL).port || "80";

// Playwright cannot download its own browsers here; Debian's Chromium works (see TOOLCHAIN).
const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  },
};

// The server starts on an EMPTY database: the "setup" project (e2e/auth.setup.ts) does the real
// first run in the browser (/setup → the first admin) and saves that admin's session, plus an
// API key for the MCP conformance suite; every other spec runs signed in as that admin.
const ADMIN_STORAGE_STATE = "test-results/.auth/admin.json"; // = e2e/support/accounts.ts

export default defineConfig({
  testDir: "e2e",
  // Playwright empties its outputDir at start: keep it away from test-results/*.json.
  outputDir: "test-results/playwright-artifacts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalTimeout: 15 * 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: chromium },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...chromium, storageState: ADMIN_STORAGE_STATE },
    },
  ],
  webServer: external
    ? undefined
    : {
        command: "node scripts/e2e-server.mjs",
        url: `${baseURL}/api/health-check`,
        env: { E2E_PORT: port },
        reuseExistingServer: false,
        timeout: 600_000, // includes a build when the sources changed
        stdout: "pipe",
        stderr: "pipe",
        // SIGTERM lets e2e-server.mjs stop the server and delete its temp data folder.
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      },
});
