// A fleet of simulated client systems for `npm run bench:checks`, run in its own process (forked
// by checks.ts) so its work never counts as the scheduler's. A few HTTP servers on loopback
// answer GET /s/<i>/health in the seed's JSON shape after a realistic delay; the behaviour of
// system i is fixed by i, so every run sees the same mix:
//
//   90.0 %  healthy, 20–80 ms
//    4.0 %  reported degraded (4/5 endpoints healthy), 30–120 ms
//    2.0 %  slow: healthy body after 2.1–2.6 s (degraded by the 2000 ms latency rule)
//    1.5 %  down: HTTP 503 with status "down"
//    1.5 %  flapping: healthy or HTTP 500, decided per (system, minute): real state changes
//    0.5 %  hanging: no answer for 15 s (the check times out after its 10 s)
//    0.5 %  HTTP 200 with a JSON content type and a body that is not JSON
//
// GET /hang/<i>/health never answers (the hanging client of --hanging).
//
// With a flip share (argv: <ports> <pct> <systems> <outage minutes>, bench:alerts) the mix is off:
// every system is healthy (20–80 ms) except while fleet-flips.ts says it is down (HTTP 503,
// status "down"), so exactly pct % of the systems change state each minute.
//
// IPC: sends {type:"ready", ports}; answers {type:"stats"} with its CPU time, RSS and counts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { flipPlan, isDown, type FlipPlan } from "./fleet-flips";

export type FleetBehaviour = "healthy" | "degraded" | "slow" | "down" | "flapping" | "hanging" | "bad_json";

/** A well-spread, stable number in [0, 1000) for system i (Knuth's multiplicative hash). */
function slot(i: number): number {
  return (Math.imul(i + 1, 2654435761) >>> 0) % 1000;
}

export function behaviourOf(i: number): FleetBehaviour {
  const k = slot(i);
  if (k < 900) return "healthy";
  if (k < 940) return "degraded";
  if (k < 960) return "slow";
  if (k < 975) return "down";
  if (k < 990) return "flapping";
  if (k < 995) return "hanging";
  return "bad_json";
}

const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

function seedBody(status: "healthy" | "degraded" | "down", endpointsHealthy: number, latencyMs: number): string {
  return JSON.stringify({
    status,
    timestamp: new Date().toISOString(),
    uptime_percentage: status === "healthy" ? 99.9 : status === "degraded" ? 98.7 : 91.2,
    endpoints_checked: 5,
    endpoints_healthy: endpointsHealthy,
    response_time_ms: Math.round(latencyMs * 10) / 10,
    system_info: { version: "1.2.0", environment: "production" },
  });
}

const flips: FlipPlan | null = process.argv[3] ? flipPlan(Number(process.argv[4]), Number(process.argv[3]), Number(process.argv[5] ?? 5)) : null;
const counts: Record<string, number> = {};
let requests = 0;

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  requests++;
  if (/^\/hang\/\d+\/health$/.test(req.url ?? "")) {
    // --hanging: one client's systems that never answer (the check times out); held until the
    // scheduler gives up on them.
    counts.hog = (counts.hog ?? 0) + 1;
    return;
  }
  const match = /^\/s\/(\d+)\/health(?:\?.*)?$/.exec(req.url ?? "");
  if (!match || req.method !== "GET") {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    return;
  }
  const i = Number(match[1]);
  const behaviour = flips ? (isDown(flips, i, Math.floor(Date.now() / 60_000)) ? "down" : "healthy") : behaviourOf(i);
  counts[behaviour] = (counts[behaviour] ?? 0) + 1;
  let delay: number;
  let send: () => void;
  const json = (status: number, body: string, type = "application/json") => () => {
    if (!res.destroyed) res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
  };
  switch (behaviour) {
    case "healthy":
      delay = between(20, 80);
      send = json(200, seedBody("healthy", 5, delay));
      break;
    case "degraded":
      delay = between(30, 120);
      send = json(200, seedBody("degraded", 4, delay));
      break;
    case "slow":
      delay = between(2100, 2600);
      send = json(200, seedBody("healthy", 5, delay));
      break;
    case "down":
      delay = between(20, 80);
      send = json(503, seedBody("down", 0, delay));
      break;
    case "flapping": {
      delay = between(20, 80);
      const minute = Math.floor(Date.now() / 60_000);
      const bad = slot(i * 7919 + minute) < 500;
      send = bad ? json(500, '{"status":"down","error":"worker crashed"}') : json(200, seedBody("healthy", 5, delay));
      break;
    }
    case "hanging":
      delay = 15_000;
      send = json(200, seedBody("healthy", 5, delay));
      break;
    case "bad_json":
      delay = between(20, 80);
      send = json(200, "<html><body>Service Unavailable</body></html>");
      break;
  }
  const timer = setTimeout(send, delay);
  res.on("close", () => clearTimeout(timer));
}

async function listen(): Promise<number> {
  const server = http.createServer(handle);
  // Real servers keep idle connections longer than a check interval is short (nginx: 75 s).
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 80_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

const portCount = Math.max(1, Number(process.argv[2] ?? 4));
const ports: number[] = [];
for (let p = 0; p < portCount; p++) ports.push(await listen());

process.on("message", (message: { type?: string }) => {
  if (message?.type === "stats") {
    process.send?.({ type: "stats", cpu: process.cpuUsage(), rss: process.memoryUsage().rss, requests, counts: { ...counts } });
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready", ports });
