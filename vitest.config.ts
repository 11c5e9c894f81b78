// Unit + integration tests (`npx vitest run`). End-to-end specs live in e2e/ and run under
// Playwright against the production build (see playwright.config.ts, scripts/test.mjs).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    // tsconfig paths: "@/*" → "./*"
    alias: [{ find: /^@\//, replacement: `${root}` }],
  },
  test: {
    environment: "node",
    root,
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["e2e/**", "**/node_modules/**", ".next/**"],
    // Starts one throwaway PostgreSQL cluster for the whole run (test/support/postgres-cluster.ts).
    globalSetup: ["test/support/global-setup.ts"],
    // Opening PGlite + applying migrations takes ~2 s; a fresh PostgreSQL database ~0.5 s.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    // Forks isolate PGlite's WebAssembly heaps and native pg sockets per test file.
    pool: "forks",
    maxWorkers: 2, // 2-core machines; each worker may hold a PGlite instance (~100 MB)
  },
});
