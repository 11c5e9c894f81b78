// The domain-cycle rule on a small project of its own: a cycle between two lib/ domains through
// the "@/" alias and a relative path is an error on both ends, a one-way dependency is not, and
// test files and imports inside one domain never count.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { afterEach, expect, it } from "vitest";
import noDomainCycles from "./no-domain-cycles.mjs";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function lint(files: Record<string, string>) {
  dir = mkdtempSync(path.join(os.tmpdir(), "cp-domain-cycles-"));
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"] } } }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ["**/*.ts"], languageOptions: { parser: tseslint.parser } },
      { plugins: { local: { rules: { "no-domain-cycles": noDomainCycles } } }, rules: { "local/no-domain-cycles": "error" } },
    ],
  });
  const results = await eslint.lintFiles(["lib/**/*.ts"]);
  return Object.fromEntries(results.map((r) => [path.relative(dir!, r.filePath), r.messages.map((m) => `${m.ruleId ?? "parse"}: ${m.message}`)]));
}

it("reports both imports of a cycle between two domains, through the alias and a relative path", async () => {
  const found = await lint({
    "lib/clients/a.ts": 'import { b } from "@/lib/monitoring/b";\nexport const a = () => b;\n',
    "lib/monitoring/b.ts": 'export const b = 1;\n',
    "lib/monitoring/c.ts": 'import type { A } from "../clients/types";\nexport type C = A;\n',
    "lib/clients/types.ts": "export type A = number;\n",
  });
  expect(found["lib/clients/a.ts"]).toEqual([expect.stringMatching(/^local\/no-domain-cycles: lib\/clients must not import lib\/monitoring: .*lib\/clients → lib\/monitoring → lib\/clients; lib\/monitoring\/c\.ts imports \.\.\/clients\/types/)]);
  expect(found["lib/monitoring/c.ts"]).toEqual([expect.stringMatching(/^local\/no-domain-cycles: lib\/monitoring must not import lib\/clients/)]);
  expect(found["lib/monitoring/b.ts"]).toEqual([]);
});

it("sees a cycle through a third domain and through a file directly in lib/", async () => {
  const found = await lint({
    "lib/auth/a.ts": 'import "@/lib/http/h";\n',
    "lib/http/h.ts": 'import "@/lib/context";\n',
    "lib/context.ts": 'import "@/lib/auth/other";\n',
    "lib/auth/other.ts": "export {};\n",
  });
  expect(found["lib/auth/a.ts"]).toEqual([expect.stringContaining("lib/auth → lib/http → lib/context → lib/auth")]);
  expect(found["lib/context.ts"]).toHaveLength(1);
});

it("allows one-way dependencies, imports inside a domain, and tests that import anything", async () => {
  const found = await lint({
    "lib/clients/a.ts": 'import { b } from "./b";\nexport const a = b;\n',
    "lib/clients/b.ts": "export const b = 1;\n",
    "lib/monitoring/m.ts": 'import { a } from "@/lib/clients/a";\nexport const m = a;\n',
    "lib/clients/a.test.ts": 'import { m } from "@/lib/monitoring/m";\nexport const t = m;\n',
    "lib/generated/x.ts": 'import "@/lib/monitoring/m";\n',
  });
  expect(Object.values(found).flat()).toEqual([]);
});
