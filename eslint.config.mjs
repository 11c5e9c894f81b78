// `npm run lint`. Rule sets: typescript-eslint (recommended), React hooks (recommended, with the
// React Compiler checks), Next's core web vitals, import-x/no-cycle for cycles between files and a
// local rule for cycles between lib/ domains (scripts/eslint/no-domain-cycles.mjs).
// Warnings fail the run too (--max-warnings 0 in package.json).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";
import noDomainCycles from "./scripts/eslint/no-domain-cycles.mjs";

export default defineConfig(
  globalIgnores([".next/", "lib/generated/", "test-results/", "playwright-report/", "blob-report/", "coverage/", "next-env.d.ts", ".data*/", "tmp/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX, local: { rules: { "no-domain-cycles": noDomainCycles } } },
    settings: {
      // Parse TypeScript files when following imports (import-x reads only .js by default).
      "import-x/extensions": importX.flatConfigs.typescript.settings["import-x/extensions"],
      "import-x/parsers": importX.flatConfigs.typescript.settings["import-x/parsers"],
      // Resolves the "@/…" alias from tsconfig.json, so cycles through it are seen.
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      // Cycles never pass through packages: not following them keeps the rule fast.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "local/no-domain-cycles": "error",
      // A `let` declared early so that a cleanup handler defined before it can see it.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
