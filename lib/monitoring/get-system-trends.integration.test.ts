// /api/system/trends on both databases: per-day checks, uptime and latency from data written by
// the real recordCheck on a fake clock; a restricted key sees only its client; bad days → 422.
import { beforeAll, expect, it } from "vitest";
import * as trendsRoute from "@/app/api/system/trends/route";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { bearer, newApiKey } from "@/test/support/auth";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { getSystemTrends } from "./get-system-trends";
import { recordCheck } from "./record-check";


describeEachDatabase("system trends", (get) => {
  const day0 = Date.UTC(2031, 5, 1);
  const now = new Date(day0 + 2 * 86_400_000 + 12 * 3_600_000); // noon on the third day
  const clock = { now: () => now };
  let clientId: string;

  beforeAll(async () => {
    clientId = uniqueClientId("trend");
    const ctx = get().ctx();
    await registerClient({ ctx, input: { client_id: clientId, client_name: "Trend Co", systems: [{ name: "API", health_url: "https://t.example.com/health" }] } });
    const system = await get().database.prisma.system.findFirstOrThrow({ where: { client: { clientId } } });
    // Day 1: 24 hourly checks, healthy at 100 ms. Day 2: healthy until 12:00, then down (confirmed
    // by two probes) for the rest of the day. Day 3: nothing recorded (still down, open state).
    for (let h = 0; h < 24; h++) await recordCheck(ctx, system, probeReport("healthy", 100), new Date(day0 + h * 3_600_000));
    for (let h = 0; h < 24; h++) {
      const at = new Date(day0 + 86_400_000 + h * 3_600_000);
      await recordCheck(ctx, system, h < 12 ? probeReport("healthy", 300) : probeReport("down", null), at);
    }
  }, 60_000);

  it("reports each day's checks, time-weighted uptime and latency", async () => {
    const trends = await getSystemTrends({ ctx: get().ctx({ clock, clientRestriction: clientId }), input: { days: 3 } });
    expect(trends.systems).toBe(1);
    expect(trends.days.map((d) => d.date)).toEqual(["2031-06-01", "2031-06-02", "2031-06-03"]);
    const [d1, d2, d3] = trends.days;
    expect(d1).toMatchObject({ checks: 24, healthy_checks: 24, down_checks: 0, avg_response_ms: 100 });
    expect(d1!.uptime_pct).toBe(100);
    // From the histogram: within its ±9 %, and never above the day's slowest check.
    expect(d1!.p95_response_ms).toBeGreaterThanOrEqual(91);
    expect(d1!.p95_response_ms).toBeLessThanOrEqual(100);
    expect(d2).toMatchObject({ checks: 24, healthy_checks: 12, down_checks: 12, avg_response_ms: 300 });
    expect(d2!.uptime_pct).toBe(50); // down from 12:00 (the first probe of the confirming run)
    expect(d3).toMatchObject({ checks: 0, uptime_pct: 0, avg_response_ms: null, p95_response_ms: null });
    expect(trends.summary.checks).toBe(48);
    expect(trends.summary.avg_response_ms).toBe(Math.round(((24 * 100 + 12 * 300) / 36) * 100) / 100);
    // 24 h up + 12 h up, 12 h down + 12 h down (day 3 until noon)
    // Watched from the period's first instant (the first check at 1 Jun 00:00): the whole period.
    expect(trends.summary.uptime).toEqual({ pct: 60, covered_from: new Date(day0).toISOString(), coverage: 1 });
    expect(trends.summary.p95_approximate).toBe(true);
  });

  it("serves past days from the cache with the same figures, across all clients", async () => {
    const first = await getSystemTrends({ ctx: get().ctx({ clock }), input: { days: 3 } });
    const second = await getSystemTrends({ ctx: get().ctx({ clock }), input: { days: 3 } });
    expect(second).toEqual(first);
    expect(first.days[0]!.checks).toBeGreaterThanOrEqual(24);
  });

  it("rejects a bad window with the field named, over REST too", async () => {
    await expect(getSystemTrends({ ctx: get().ctx(), input: { days: 0 } })).rejects.toBeInstanceOf(ValidationError);
    setProcessDatabase(get().database);
    const key = await newApiKey(get().database.prisma, { scopes: ["read"] });
    for (const q of ["days=abc", "days=91", "days=2.5"]) {
      const res = await trendsRoute.GET(new Request(`http://localhost/api/system/trends?${q}`, { headers: bearer(key) }));
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain("days");
    }
    const ok = await trendsRoute.GET(new Request("http://localhost/api/system/trends?days=7", { headers: bearer(key) }));
    expect(ok.status).toBe(200);
    expect((await ok.json()).days).toHaveLength(7);
    const anon = await trendsRoute.GET(new Request("http://localhost/api/system/trends"));
    expect(anon.status).toBe(401);
  });
});
