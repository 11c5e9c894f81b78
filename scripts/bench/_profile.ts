import { openDatabase } from "@/lib/db/client";
const dir = process.argv[2]!;
const db = await openDatabase({ kind: "pglite", dataDir: dir });
const ids = (await db.runner.query<{ id: string }>("select id from systems")).map((r) => r.id);
const list = ids.map((id) => `'${id}'`).join(",");
const open = new Date(Math.floor((Date.now() - 60_000) / 3600e3) * 3600e3).toISOString();
for (const sql of [
  `select system_id, bucket_start, latency_hist, latency_max from check_rollups where period = 'hour' and system_id in (${list}) and bucket_start >= '${open}'`,
  `select system_id, to_status, started_at, ended_at from status_changes where system_id in (${list}) and (ended_at is null or ended_at > now() - interval '30 days')`,
]) {
  const t = performance.now();
  const plan = await db.runner.query<Record<string, string>>(`explain (analyze, buffers) ${sql}`);
  console.log(plan.map((r) => r["QUERY PLAN"]).filter((l) => !l.includes("Index Cond: (system_id = ANY") ).map((l) => l.slice(0, 160)).join("\n"), "\n", (performance.now() - t).toFixed(0), "ms\n");
}
await db.close();
