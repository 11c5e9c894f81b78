// Serves Next.js route handlers (web-standard Request → Response functions) on a real local
// HTTP port, so clients that speak HTTP (the MCP SDK's own client, raw sockets with odd Host
// headers) can be tested against the very handlers `next start` serves.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request) => Promise<Response>;
/** A handler for every method, or a route module's exports (GET, POST, …) as Next.js dispatches them. */
type Route = Handler | Partial<Record<string, unknown>>;

function handlerFor(route: Route, method: string): Handler | undefined {
  if (typeof route === "function") return route;
  const handler = route[method];
  return typeof handler === "function" ? (handler as Handler) : undefined;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body });
}

/** routes: path prefix → handler or route module (a method it does not export is a 405, as in Next.js). Returns the base URL and a close function. */
export async function serveRoutes(routes: Record<string, Route>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
      const path = (req.url ?? "/").split("?")[0];
      const prefix = Object.keys(routes).find((p) => path === p || path.startsWith(`${p}/`));
      if (!prefix) {
        res.writeHead(404).end();
        return;
      }
      const handler = handlerFor(routes[prefix], req.method ?? "GET");
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      const response = await handler(await toRequest(req, origin));
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (response.body) {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      }
      res.end();
    } catch (error) {
      res.writeHead(599, { "content-type": "text/plain" }).end(String(error));
    }
  });
  // Idle sockets are closed by the client (undici: after 4 s), never by us first: a server-side
  // close racing a reused socket on a busy machine surfaced as ECONNRESET in a test's next call.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
