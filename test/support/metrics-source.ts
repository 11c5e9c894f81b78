// A fake client metrics endpoint on a real local HTTP port, for collection tests. Each key
// (/m/<key>) is one system with a scripted mode. Its numbers come from a per-minute model and
// are exactly additive: [a, c) = [a, b) + [b, c) for any split, so a test can compare what was
// collected with what the source holds for the whole span. Money is written as decimal text
// (runs × 0.10), the kind of amount floats get wrong.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type SourceMode = "ok" | "down" | "hang" | "huge" | "not_json" | "invalid" | "html";

const MINUTE = 60_000;

/** The runs, successes and cents of the minute starting at `minuteMs`. */
export function minuteModel(minuteMs: number): { runs: number; ok: number; cents: number } {
  const m = Math.floor(minuteMs / MINUTE);
  const runs = (m % 7) + 1;
  const ok = runs - (m % 3 === 0 ? 1 : 0);
  return { runs, ok, cents: runs * 10 };
}

/** What the source holds for [start, end): the minutes whose first instant falls in it. */
export function sourceTotals(start: number, end: number): { total: number; successful: number; failed: number; cents: number } {
  let total = 0;
  let successful = 0;
  let cents = 0;
  for (let t = Math.ceil(start / MINUTE) * MINUTE; t < end; t += MINUTE) {
    const x = minuteModel(t);
    total += x.runs;
    successful += x.ok;
    cents += x.cents;
  }
  return { total, successful, failed: total - successful, cents };
}

export interface SourceRequest {
  key: string;
  start: number;
  end: number;
  mode: SourceMode;
}

export async function startMetricsSource() {
  const modes = new Map<string, SourceMode>();
  const requests: SourceRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname.startsWith("/health")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "healthy" }));
      return;
    }
    const key = decodeURIComponent(url.pathname.replace(/^\/m\//, ""));
    const mode = modes.get(key) ?? "ok";
    const start = Date.parse(url.searchParams.get("start_date") ?? "");
    const end = Date.parse(url.searchParams.get("end_date") ?? "");
    requests.push({ key, start, end, mode });
    if (mode === "hang") {
      hanging.add(res);
      return;
    }
    if (mode === "down") {
      res.writeHead(503, { "content-type": "application/json" });
      res.end('{"error":"maintenance"}');
      return;
    }
    if (mode === "huge") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"padding":"${"x".repeat(2 * 1024 * 1024)}"}`);
      return;
    }
    if (mode === "not_json" || mode === "html") {
      res.writeHead(200, { "content-type": mode === "html" ? "text/html" : "application/json" });
      res.end(mode === "html" ? "<html><body>Login required</body></html>" : '{"total_automations": 4');
      return;
    }
    const t = sourceTotals(start, end);
    const successful = mode === "invalid" ? t.total + 2 : t.successful;
    const failed = mode === "invalid" ? 0 : t.failed;
    // Decimal text written by hand: exactly what a well-behaved system would send.
    const money = `${Math.floor(t.cents / 100)}.${String(t.cents % 100).padStart(2, "0")}`;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      `{"period":{"start":"${new Date(start).toISOString()}","end":"${new Date(end).toISOString()}"},` +
        `"total_automations":${t.total},"successful_automations":${successful},"failed_automations":${failed},` +
        `"total_processing_time":${t.total * 1.5},"cost_savings":${money},` +
        `"efficiency_gains":{"time_saved_hours":${(t.total * 0.1).toFixed(1)},"error_reduction_percentage":80.5,"process_improvement":40}}`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (key: string) => `${base}/m/${encodeURIComponent(key)}`,
    setMode: (key: string, mode: SourceMode) => void modes.set(key, mode),
    requests,
    releaseHanging() {
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
