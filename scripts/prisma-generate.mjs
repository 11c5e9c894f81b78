#!/usr/bin/env node
// `prisma generate` without the native engines the Prisma CLI would try to download
// (generation never runs them; see TOOLCHAIN facts in the README). Runs on `npm install`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { noEngineDownloadEnv } from "./lib/dev-tools.mjs";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, ...noEngineDownloadEnv, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
