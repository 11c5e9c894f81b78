// safeFetch against real servers on 127.0.0.1: a scripted HTTP server and a self-signed HTTPS one.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import dns from "node:dns";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseAllowList, type NetworkPolicy } from "./address-policy";
import { closeSafeFetchAgents, safeFetch, type SafeFetchResult } from "./safe-fetch";

const closed: NetworkPolicy = { allowPrivate: false, allowList: [] };
const allowLoopback: NetworkPolicy = { allowPrivate: false, allowList: parseAllowList("127.0.0.1") };

const FIVE_MB = 5 * 1024 * 1024;
let server: http.Server;
let base: string;
let port: number;
let connections = 0;
/** What the /big handler observed: bytes handed to the socket, and whether it finished. */
const big = { sent: 0, finished: false, closed: false };
const trickleTimers = new Set<NodeJS.Timeout>();

function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://x");
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  switch (url.pathname) {
    case "/json":
      return json(200, { status: "healthy", host: req.headers.host, authorization: req.headers.authorization ?? null });
    case "/503":
      return json(503, { status: "down", reason: "database unreachable" });
    case "/hang":
      return; // never answers
    case "/trickle": {
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("x"), 100);
      trickleTimers.add(timer);
      res.on("close", () => {
        clearInterval(timer);
        trickleTimers.delete(timer);
      });
      return;
    }
    case "/big": {
      // Chunked (no content-length), so the cap must be enforced while streaming.
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      res.on("close", () => {
        big.closed = true;
        big.finished = res.writableFinished;
      });
      const pump = () => {
        while (big.sent < FIVE_MB && !res.destroyed) {
          big.sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!res.destroyed) res.end();
      };
      return pump();
    }
    case "/big-declared":
      res.writeHead(200, { "content-length": String(FIVE_MB) });
      return res.end(Buffer.alloc(FIVE_MB));
    case "/loop":
      res.writeHead(302, { location: "/loop" });
      return res.end();
    case "/chain": {
      const n = Number(url.searchParams.get("n") ?? 0);
      res.writeHead(302, { location: n > 1 ? `/chain?n=${n - 1}` : "/json" });
      return res.end();
    }
    case "/to-metadata":
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" });
      return res.end();
    case "/to-ftp":
      res.writeHead(301, { location: "ftp://files.example.com/pub" });
      return res.end();
    case "/to-loopback-ip":
      res.writeHead(302, { location: `http://127.0.0.1:${port}/json` });
      return res.end();
    case "/to-localhost":
      res.writeHead(307, { location: `http://localhost:${port}/json` });
      return res.end();
    default:
      return json(404, { error: "not found" });
  }
}

beforeAll(async () => {
  server = http.createServer(handler);
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await closeSafeFetchAgents();
  for (const timer of trickleTimers) clearInterval(timer);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function expectFailure(result: SafeFetchResult, kind: string) {
  if (result.ok) throw new Error(`expected a ${kind} failure, got HTTP ${result.status}`);
  expect(result.error.kind).toBe(kind);
  return result.error.message;
}

/** Hosts passed to net.connect (undici dials through it) while a spy was installed. */
function dialledHosts(spy: { mock: { calls: unknown[][] } }): string[] {
  return spy.mock.calls.map((args) => String((args[0] as { host?: string }).host));
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

describe("safeFetch: responses", () => {
  it("returns a 200 JSON body with headers, final url and timings", async () => {
    const result = await safeFetch(`${base}/json`, { timeoutMs: 2000, policy: allowLoopback });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toBe(200);
    expect(result.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(result.body.toString())).toMatchObject({ status: "healthy", host: `127.0.0.1:${port}` });
    expect(result.url).toBe(`${base}/json`);
    expect(result.redirects).toBe(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(0);
  });

  it("returns HTTP 503 with its body as a response, not an error (classification is elsewhere)", async () => {
    const result = await safeFetch(`${base}/503`, { timeoutMs: 2000, policy: allowLoopback });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.status).toBe(503);
    expect(JSON.parse(result.body.toString())).toEqual({ status: "down", reason: "database unreachable" });
  });

  it("reuses pooled keep-alive connections", async () => {
    await safeFetch(`${base}/json`, { timeoutMs: 2000, policy: allowLoopback });
    const before = connections;
    for (let i = 0; i < 3; i++) {
      const result = await safeFetch(`${base}/json`, { timeoutMs: 2000, policy: allowLoopback });
      expect(result.ok).toBe(true);
    }
    expect(connections).toBe(before);
  });

  it("sends userinfo as Basic auth and never reports it in the URL", async () => {
    const result = await safeFetch(`http://ops:s3cret@127.0.0.1:${port}/json`, { timeoutMs: 2000, policy: allowLoopback });
    if (!result.ok) throw new Error(result.error.message);
    expect(JSON.parse(result.body.toString()).authorization).toBe(`Basic ${Buffer.from("ops:s3cret").toString("base64")}`);
    expect(result.url).toBe(`${base}/json`);
  });
});

describe("safeFetch: timeouts and size", () => {
  it("times out a server that never answers, after the configured total", async () => {
    const [result, elapsed] = await timed(() => safeFetch(`${base}/hang`, { timeoutMs: 400, policy: allowLoopback }));
    expect(expectFailure(result, "timeout")).toBe("timeout after 400 ms");
    expect(elapsed).toBeGreaterThanOrEqual(380);
    expect(elapsed).toBeLessThan(1500);
  });

  it("times out a server that trickles a byte every 100 ms forever (the budget covers the body)", async () => {
    const [result, elapsed] = await timed(() => safeFetch(`${base}/trickle`, { timeoutMs: 500, policy: allowLoopback }));
    expect(expectFailure(result, "timeout")).toBe("timeout after 500 ms");
    expect(elapsed).toBeLessThan(1500);
  });

  it("stops reading a 5 MB streamed body past 1 MB and closes the connection", async () => {
    const result = await safeFetch(`${base}/big`, { timeoutMs: 5000, policy: allowLoopback });
    expect(expectFailure(result, "too_large")).toBe("response larger than 1 MB");
    // The server sees the connection closed before it could finish sending 5 MB.
    await expect.poll(() => big.closed, { timeout: 2000 }).toBe(true);
    expect(big.finished).toBe(false);
  });

  it("refuses a declared Content-Length over the cap without reading it", async () => {
    const result = await safeFetch(`${base}/big-declared`, { timeoutMs: 5000, policy: allowLoopback });
    expect(expectFailure(result, "too_large")).toBe("response larger than 1 MB");
  });

  it("honours a caller's abort signal", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await safeFetch(`${base}/hang`, { timeoutMs: 5000, policy: allowLoopback, signal: controller.signal });
    expectFailure(result, "aborted");
  });
});

describe("safeFetch: redirects", () => {
  it("follows up to 3 redirects", async () => {
    const result = await safeFetch(`${base}/chain?n=3`, { timeoutMs: 2000, policy: allowLoopback });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.status).toBe(200);
    expect(result.redirects).toBe(3);
    expect(result.url).toBe(`${base}/json`);
  });

  it("stops a redirect loop", async () => {
    const result = await safeFetch(`${base}/loop`, { timeoutMs: 2000, policy: allowLoopback });
    expect(expectFailure(result, "too_many_redirects")).toBe("more than 3 redirects");
  });

  it("refuses a redirect to the cloud metadata address, at once", async () => {
    const connect = vi.spyOn(net, "connect");
    const [result, elapsed] = await timed(() => safeFetch(`${base}/to-metadata`, { timeoutMs: 3000, policy: allowLoopback }));
    expect(dialledHosts(connect)).not.toContain("169.254.169.254");
    connect.mockRestore();
    expect(expectFailure(result, "policy")).toBe("blocked by network policy (169.254.169.254 is link-local (cloud metadata))");
    expect(elapsed).toBeLessThan(500);
  });

  it("refuses a redirect to a non-http scheme", async () => {
    const result = await safeFetch(`${base}/to-ftp`, { timeoutMs: 2000, policy: allowLoopback });
    expect(expectFailure(result, "protocol")).toMatch(/^redirect to unsupported scheme ftp:/);
  });

  it("re-checks the policy on each hop (a redirect to a name resolving to a private address)", async () => {
    const result = await safeFetch(`${base}/to-localhost`, { timeoutMs: 2000, policy: allowLoopback });
    // 127.0.0.1 is allowed by CIDR, so localhost's 127.0.0.1 is too; ::1 (if any) is skipped.
    if (!result.ok) throw new Error(result.error.message);
    expect(JSON.parse(result.body.toString()).host).toBe(`localhost:${port}`);
    // The other way round: localhost is allowed by name, the hop to 127.0.0.1 is not.
    const refused = await safeFetch(`http://localhost:${port}/to-loopback-ip`, {
      timeoutMs: 2000,
      policy: { allowPrivate: false, allowList: parseAllowList("localhost") },
    });
    expect(expectFailure(refused, "policy")).toMatch(/^blocked by network policy \(127\.0\.0\.1 is loopback/);
  });
});

describe("safeFetch: this server's own targets", () => {
  // The server "is" 127.0.0.1:port, and its own target is /chain (standing in for the demo fleet).
  const own = (): NetworkPolicy => ({ allowPrivate: false, allowList: [], ownTargets: [{ origin: base, pathPrefix: "/chain" }] });

  it("reaches its own origin under the own path, by IP literal and by name, on a closed policy", async () => {
    const result = await safeFetch(`${base}/chain?n=0`, { timeoutMs: 2000, policy: own(), maxRedirects: 0 });
    expect(expectFailure(result, "too_many_redirects")).toBe("more than 0 redirects"); // it did answer (a redirect)
    const named = { allowPrivate: false, allowList: [], ownTargets: [{ origin: `http://localhost:${port}`, pathPrefix: "/chain" }] };
    expect(expectFailure(await safeFetch(`http://localhost:${port}/chain?n=0`, { timeoutMs: 2000, policy: named, maxRedirects: 0 }), "too_many_redirects")).toBeTruthy();
  });

  it("refuses another path of the same origin, another port, and a redirect out of the own path", async () => {
    const connect = vi.spyOn(net, "connect");
    expect(expectFailure(await safeFetch(`${base}/json`, { timeoutMs: 2000, policy: own() }), "policy")).toMatch(/^blocked by network policy \(127\.0\.0\.1 is loopback/);
    // /chain?n=0 redirects to /json on the same origin: that hop is outside the own path.
    expect(expectFailure(await safeFetch(`${base}/chain?n=0`, { timeoutMs: 2000, policy: own() }), "policy")).toMatch(/^blocked by network policy/);
    const otherPort = port === 65535 ? port - 1 : port + 1;
    expect(expectFailure(await safeFetch(`http://127.0.0.1:${otherPort}/chain`, { timeoutMs: 2000, policy: own() }), "policy")).toMatch(/loopback/);
    expect(expectFailure(await safeFetch(`http://localhost:${otherPort}/chain`, { timeoutMs: 2000, policy: own() }), "policy")).toMatch(/loopback/);
    // Nothing was dialled on the other port (the one allowed hop may reuse a pooled connection).
    expect(connect.mock.calls.map((args) => Number((args[0] as { port?: number }).port)).filter((p) => p === otherPort)).toEqual([]);
    connect.mockRestore();
  });
});

describe("safeFetch: network policy", () => {
  it.each([
    ["decimal", "2130706433"],
    ["hex", "0x7f000001"],
    ["octal", "0177.0.0.1"],
    ["short", "127.1"],
    ["mapped IPv6", "[::ffff:127.0.0.1]"],
    ["plain", "127.0.0.1"],
  ])("refuses the %s form of 127.0.0.1 when private targets are not allowed", async (_form, host) => {
    const result = await safeFetch(`http://${host}:${port}/json`, { timeoutMs: 2000, policy: closed });
    expect(expectFailure(result, "policy")).toMatch(/^blocked by network policy \(127\.0\.0\.1 is loopback/);
  });

  it.each([
    ["decimal", "2130706433"],
    ["hex", "0x7f000001"],
  ])("reaches the server through the %s form when 127.0.0.1 is allowed", async (_form, host) => {
    const result = await safeFetch(`http://${host}:${port}/json`, { timeoutMs: 2000, policy: allowLoopback });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${base}/json`);
  });

  it("refuses the metadata address even for a client allowed private targets", async () => {
    const result = await safeFetch("http://169.254.169.254/latest/meta-data", {
      timeoutMs: 2000,
      policy: { allowPrivate: true, allowList: parseAllowList("169.254.0.0/16") },
    });
    expectFailure(result, "policy");
  });

  it("refuses localhost (resolves to a private address) unless allowed, checked after DNS", async () => {
    const refused = await safeFetch(`http://localhost:${port}/json`, { timeoutMs: 2000, policy: closed });
    expect(expectFailure(refused, "policy")).toMatch(/^blocked by network policy \(localhost resolves to /);

    const byName = await safeFetch(`http://localhost:${port}/json`, {
      timeoutMs: 2000,
      policy: { allowPrivate: false, allowList: parseAllowList("localhost") },
    });
    if (!byName.ok) throw new Error(byName.error.message);
    expect(JSON.parse(byName.body.toString()).host).toBe(`localhost:${port}`); // Host header keeps the name

    const byClient = await safeFetch(`http://localhost:${port}/json`, { timeoutMs: 2000, policy: { allowPrivate: true, allowList: [] } });
    expect(byClient.ok).toBe(true);
  });
});

describe("safeFetch: the check is made on the resolved address, at connect time", () => {
  afterEach(() => vi.restoreAllMocks());
  const fakeDns = (addresses: string[]) =>
    vi.spyOn(dns.promises, "lookup").mockImplementation((async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }))) as never);

  it("refuses a public-looking name that resolves to a private address", async () => {
    fakeDns(["127.0.0.1"]);
    const result = await safeFetch(`http://status.example.com:${port}/json`, { timeoutMs: 2000, policy: closed });
    expect(expectFailure(result, "policy")).toBe(
      "blocked by network policy (status.example.com resolves to 127.0.0.1, which is loopback; private targets are not allowed for this client)",
    );
  });

  it("never dials a forbidden candidate, and connects to an allowed one by IP keeping the Host name", async () => {
    const lookup = fakeDns(["169.254.169.254", "127.0.0.1"]);
    const connect = vi.spyOn(net, "connect");
    const result = await safeFetch(`http://mixed.example.com:${port}/json`, { timeoutMs: 2000, policy: allowLoopback });
    if (!result.ok) throw new Error(result.error.message);
    expect(dialledHosts(connect)).toEqual(["127.0.0.1"]);
    expect(JSON.parse(result.body.toString()).host).toBe(`mixed.example.com:${port}`);
    expect(lookup).toHaveBeenCalledWith("mixed.example.com", expect.objectContaining({ all: true }));
  });

  it("refuses when every candidate is forbidden, even with private targets allowed", async () => {
    fakeDns(["169.254.169.254", "fd00:ec2::254"]);
    const result = await safeFetch(`http://metadata.example.com/`, { timeoutMs: 2000, policy: { allowPrivate: true, allowList: [] } });
    expect(expectFailure(result, "policy")).toBe(
      "blocked by network policy (metadata.example.com resolves to 169.254.169.254, which is link-local (cloud metadata))",
    );
  });
});

describe("safeFetch: failures", () => {
  it("reports a DNS failure", async () => {
    const result = await safeFetch("http://nosuch.invalid/", { timeoutMs: 5000, policy: closed });
    expect(expectFailure(result, "dns")).toBe("DNS lookup failed for nosuch.invalid");
  });

  it("reports connection refused", async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const freePort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const result = await safeFetch(`http://127.0.0.1:${freePort}/`, { timeoutMs: 2000, policy: allowLoopback });
    expect(expectFailure(result, "connect")).toBe("connection refused");
  });

  it.each([
    ["ftp://example.com/file", "protocol", "unsupported scheme ftp: (only http and https)"],
    ["file:///etc/passwd", "protocol", "unsupported scheme file: (only http and https)"],
    ["not a url", "bad_url", "invalid URL (not a url)"],
  ])("refuses %s before any network activity", async (url, kind, message) => {
    const result = await safeFetch(url, { timeoutMs: 2000, policy: closed });
    expect(expectFailure(result, kind)).toBe(message);
  });

  it("never prints userinfo in error messages", async () => {
    const result = await safeFetch("gopher://admin:hunter2@example.com/", { timeoutMs: 2000, policy: closed });
    expectFailure(result, "protocol");
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });
});

const opensslAvailable = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe("safeFetch: TLS", () => {
  let tlsServer: https.Server | undefined;
  let tlsPort = 0;
  let dir: string | undefined;

  beforeAll(async () => {
    if (!opensslAvailable) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "safe-fetch-tls-"));
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
      { stdio: "ignore" },
    );
    tlsServer = https.createServer(
      { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) },
      (_req, res) => res.end("{}"),
    );
    await new Promise<void>((resolve) => tlsServer!.listen(0, "127.0.0.1", resolve));
    tlsPort = (tlsServer.address() as AddressInfo).port;
  });

  afterAll(async () => {
    if (tlsServer) {
      tlsServer.closeAllConnections();
      await new Promise((resolve) => tlsServer!.close(resolve));
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!opensslAvailable)("reports a TLS error for a self-signed certificate (skipped without openssl)", async () => {
    const result = await safeFetch(`https://127.0.0.1:${tlsPort}/`, { timeoutMs: 3000, policy: allowLoopback });
    expect(expectFailure(result, "tls")).toBe("TLS error: self-signed certificate");
  });
});
