// A local HTTP receiver for Slack and webhook deliveries: every request is recorded (path,
// headers, raw body) and answered from a per-path script of responses (then 200 "ok"), or held
// open ("hang") until released. Counting hits by webhook-id shows duplicates.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  /** The status answered (null while held). */
  status: number | null;
}

export type ScriptedResponse = { status: number; body?: string; headers?: Record<string, string> } | "hang";

export async function startHookReceiver() {
  const requests: ReceivedRequest[] = [];
  const scripts = new Map<string, ScriptedResponse[]>();
  const held: ServerResponse[] = [];
  const listeners: ((r: ReceivedRequest) => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0]!;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      const entry: ReceivedRequest = { path, headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now(), status: null };
      requests.push(entry);
      const next = scripts.get(path)?.shift() ?? { status: 200, body: "ok" };
      for (const l of listeners) l(entry);
      if (next === "hang") {
        held.push(res);
        return;
      }
      entry.status = next.status;
      res.writeHead(next.status, { "content-type": "text/plain", ...next.headers }).end(next.body ?? (next.status < 300 ? "ok" : "error"));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    /** Answers for the next requests to `path`, in order; afterwards 200 "ok". */
    script(path: string, ...responses: ScriptedResponse[]) {
      scripts.set(path, [...responses]);
    },
    on(listener: (r: ReceivedRequest) => void) {
      listeners.push(listener);
    },
    to(path: string) {
      return requests.filter((r) => r.path === path);
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type HookReceiver = Awaited<ReturnType<typeof startHookReceiver>>;
