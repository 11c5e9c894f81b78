// The scheduler's check writer on both databases: probes finishing close together share one
// transaction (the batch figures /api/metrics exports say so), each caller gets its own check
// back, the step after the batch runs once with every check, and a failing step keeps the checks.
import { beforeAll, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { engineMetrics } from "@/lib/observability/metrics";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { probeReport } from "@/test/support/probes";
import { createCheckWriter, type BatchCheck } from "./check-writer";

async function batchFigures() {
  const values = (await engineMetrics().checkBatchSize.get()).values;
  return { count: values.find((v) => v.metricName?.endsWith("_count"))?.value ?? 0, sum: values.find((v) => v.metricName?.endsWith("_sum"))?.value ?? 0 };
}

describeEachDatabase("check writer", (get) => {
  let ids: string[] = [];
  const base = Date.UTC(2026, 10, 22, 9, 0, 0);

  beforeAll(async () => {
    const clientId = uniqueClientId("writer");
    await registerClient({
      ctx: get().ctx(),
      input: { client_id: clientId, client_name: "Writer Co", systems: Array.from({ length: 10 }, (_, i) => ({ name: `S${i}`, health_url: `https://example.com/${i}` })) },
    });
    ids = (await get().database.prisma.system.findMany({ where: { client: { clientId } }, orderBy: { name: "asc" } })).map((s) => s.id);
  });

  it("writes probes that finish together in one transaction and runs the step after it once", async () => {
    const seen: BatchCheck[][] = [];
    const writer = createCheckWriter({ ctx: get().ctx(), flushMs: 100, afterBatch: async (_ctx, checks) => void seen.push(checks) });
    const before = await batchFigures();
    const results = await Promise.all(ids.map((systemId, i) => writer.write({ systemId, report: probeReport(i === 3 ? "down" : "healthy", i === 3 ? null : 100 + i), probeAt: new Date(base + i) })));
    const after = await batchFigures();
    expect(after.count - before.count).toBe(1); // one transaction…
    expect(after.sum - before.sum).toBe(10); // …of ten checks
    expect(seen).toHaveLength(1);
    expect(seen[0]!.map((c) => c.systemId)).toEqual(ids);
    expect(results.map((r) => r.status)).toEqual(ids.map((_, i) => (i === 3 ? "down" : "healthy")));
    expect(results.map((r) => r.checkedAt.getTime())).toEqual(ids.map((_, i) => base + i));
    expect(await get().database.prisma.healthCheck.count({ where: { systemId: { in: ids } } })).toBe(10);
    expect(writer.pending()).toBe(0);
  });

  it("keeps the checks when the step after the batch fails, and flush() writes what is queued at once", async () => {
    const writer = createCheckWriter({ ctx: get().ctx(), flushMs: 60_000, afterBatch: async () => { throw new Error("evaluation broke"); } });
    const pending = ids.slice(0, 3).map((systemId) => writer.write({ systemId, report: probeReport("healthy", 90), probeAt: new Date(base + 60_000) }));
    expect(writer.pending()).toBe(3);
    await writer.flush(); // not a minute later
    const results = await Promise.all(pending);
    expect(results.every((r) => r.status === "healthy")).toBe(true);
    expect(await get().database.prisma.healthCheck.count({ where: { systemId: { in: ids.slice(0, 3) }, checkedAt: new Date(base + 60_000) } })).toBe(3);
  });

  it("rejects only the check of a system that is gone", async () => {
    const writer = createCheckWriter({ ctx: get().ctx(), flushMs: 50 });
    const gone = writer.write({ systemId: "00000000-0000-4000-8000-0000000000aa", report: probeReport("healthy", 90), probeAt: new Date(base + 120_000) });
    const kept = writer.write({ systemId: ids[0]!, report: probeReport("healthy", 90), probeAt: new Date(base + 120_000) });
    await expect(gone).rejects.toThrow(/no longer exists/);
    await expect(kept).resolves.toMatchObject({ status: "healthy" });
  });
});
