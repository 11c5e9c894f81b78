// npm run demo — load the demo workspace (six fictional clients whose automation systems are
// simulated by ClientPulse itself at /api/demo/fleet/**) into the configured database.
// When a running server holds the embedded data folder, it asks that server to do it instead
// (POST /api/demo), since PGlite cannot be opened by two processes.
import { openDatabase, targetFromEnv, type Database } from "@/lib/db/client";
import { dataDirHolder } from "@/lib/db/data-dir-lock.mjs";
import { DEMO_CLIENTS } from "@/lib/demo/fleet-model";
import { loadDemoWorkspace, type LoadDemoWorkspaceResult } from "@/lib/demo/load-demo-workspace";
import { getEnv } from "@/lib/env";
import { systemContext } from "@/lib/context";

function summary(result: LoadDemoWorkspaceResult, where: string, baseUrl: string): string {
  if (result.created.length === 0) {
    return `Demo workspace already loaded (${result.skipped.length} demo clients in ${where}); nothing to do.`;
  }
  const systems = DEMO_CLIENTS.filter((c) => result.created.includes(c.clientId)).reduce((n, c) => n + c.systems.length, 0);
  const skipped = result.skipped.length ? `; ${result.skipped.length} already there (${result.skipped.join(", ")})` : "";
  return (
    `Loaded ${result.created.length} demo clients (${systems} systems) into ${where}${skipped}. ` +
    `Their endpoints are simulated by ClientPulse at ${baseUrl}/api/demo/fleet/…, so they come alive while the server runs.`
  );
}

async function viaRunningServer(baseUrl: string, pid: number): Promise<string> {
  const url = `${baseUrl}/api/demo`;
  // The server only takes writes from signed-in users or API keys.
  const apiKey = getEnv().CLIENTPULSE_API_KEY;
  if (!apiKey) {
    throw new Error(
      `A running ClientPulse server (pid ${pid}) owns the data folder. Use "Load demo workspace" on its dashboard, ` +
        `or set CLIENTPULSE_API_KEY to an API key with write access and run npm run demo again.`,
    );
  }
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Error(
      `The data folder is in use by a ClientPulse process (pid ${pid}), but no server answered at ${url} (${cause}). ` +
        `Set APP_URL (or PORT) to where it listens, or stop it and run npm run demo again.`,
      { cause: error },
    );
  }
  const body = (await response.json().catch(() => undefined)) as
    | (LoadDemoWorkspaceResult & { error?: undefined })
    | { error?: { message?: string } }
    | undefined;
  if (!response.ok || !body || body.error || !("created" in body)) {
    throw new Error(`The running server at ${url} refused: HTTP ${response.status} ${body?.error?.message ?? response.statusText}`);
  }
  return summary(body, `the running server (pid ${pid})`, baseUrl);
}

async function directly(baseUrl: string): Promise<string> {
  let db: Database | undefined;
  try {
    db = await openDatabase(targetFromEnv());
    const result = await loadDemoWorkspace({ ctx: systemContext(db.prisma), input: { base_url: baseUrl } });
    return summary(result, db.label, baseUrl);
  } finally {
    await db?.close().catch(() => {});
  }
}

async function main(): Promise<string> {
  const env = getEnv();
  const baseUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  const holder = env.DATABASE_URL ? undefined : dataDirHolder(env.dataDirAbsolute);
  return holder ? viaRunningServer(baseUrl, holder) : directly(baseUrl);
}

try {
  console.log(await main());
  process.exit(0);
} catch (error) {
  const e = error as Error;
  console.error(`npm run demo failed: ${e.message || String(error)}`);
  process.exit(1);
}
