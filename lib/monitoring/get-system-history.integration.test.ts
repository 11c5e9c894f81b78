// getSystemHistory on both databases, with history written by the real recordCheck under a
// fake clock: three days of 15-minute checks with a confirmed outage, a confirmed degradation
// and an unconfirmed blip; a second system whose 25 state changes are all older than 90 days;
// a third never checked. Then the REST edge in-process with a real API key.
import { beforeAll, expect, it } from "vitest";
import * as historyRoute from "@/app/api/client/[clientId]/history/route";
import { registerClient } from "@/lib/clients/register-client";
import { setProcessDatabase } from "@/lib/db/client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { bearer, newApiKey } from "@/test/support/auth";
import type { ProbeReport } from "./probe-system";
import { probeReport } from "@/test/support/probes";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { getSystemHistory, type SystemHistory } from "./get-system-history";
import { recordCheck } from "./record-check";

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const NOW = Date.UTC(2026, 10, 21, 6, 0, 0); // Saturday 21 Nov 2026, 06:00 UTC
const DAY0 = Date.UTC(2026, 10, 21); // today, midnight
const clock = { now: () => new Date(NOW) };


/**
 * The "API" system's script: a check every 15 minutes from 19 Nov 00:00 to 21 Nov 05:45.
 * 19 Nov 12:00–12:15 down (confirmed: 30 min down), 20 Nov 08:00–08:15 degraded at 2500 ms
 * (confirmed: 30 min degraded), 20 Nov 16:00 one down check (a blip, never confirmed).
 * Latency 100 ms on 19–20 Nov, 200 ms on 21 Nov.
 */
function apiScript(): { at: number; probe: ProbeReport }[] {
  const out = [];
  for (let t = DAY0 - 2 * DAY; t < NOW; t += 15 * MIN) {
    const downRun = t === DAY0 - 2 * DAY + 12 * H || t === DAY0 - 2 * DAY + 12 * H + 15 * MIN;
    const degradedRun = t === DAY0 - DAY + 8 * H || t === DAY0 - DAY + 8 * H + 15 * MIN;
    const blip = t === DAY0 - DAY + 16 * H;
    const p = downRun || blip ? probeReport("down", null) : degradedRun ? probeReport("degraded", 2500) : probeReport("healthy", t >= DAY0 ? 200 : 100);
    out.push({ at: t, probe: p });
  }
  return out;
}

describeEachDatabase("get system history", (get) => {
  let clientId: string;
  let ids: Record<string, string>;

  beforeAll(async () => {
    clientId = uniqueClientId("hist");
    const ctx = get().ctx({ clock });
    await registerClient({
      ctx,
      input: {
        client_id: clientId,
        client_name: "History Co",
        systems: [
          { name: "API", health_url: "https://api.history.example/health", check_interval_seconds: 900, timeout_ms: 10_000 },
          { name: "Worker", health_url: "https://worker.history.example/health" },
          { name: "Idle", health_url: "https://idle.history.example/health" },
        ],
      },
    });
    const systems = await get().database.prisma.system.findMany({ where: { client: { clientId } } });
    ids = Object.fromEntries(systems.map((s) => [s.name, s.id]));
    for (const step of apiScript()) await recordCheck(ctx, { id: ids.API! }, step.probe, new Date(step.at));
    // Worker: 25 confirmed changes, all about 100 days ago; the last (healthy) is still current.
    let t = NOW - 100 * DAY;
    await recordCheck(ctx, { id: ids.Worker! }, probeReport("healthy", 50), new Date(t));
    for (let i = 0; i < 24; i++) {
      const status = i % 2 === 0 ? "down" : "healthy";
      for (let k = 0; k < 2; k++) await recordCheck(ctx, { id: ids.Worker! }, probeReport(status, status === "down" ? null : 50), new Date((t += MIN)));
    }
  });

  const history = (input: Record<string, unknown>) => getSystemHistory({ ctx: get().ctx({ clock }), input: { client_id: clientId, ...input } });
  const system = (h: SystemHistory, name: string) => h.systems.find((s) => s.system_name === name)!;

  it("builds 90 day bars: worst confirmed state per UTC day, time-weighted uptime, minutes and checks", async () => {
    const h = await history({});
    expect(h.systems.map((s) => s.system_name)).toEqual(["API", "Worker", "Idle"]);
    const bars = system(h, "API").uptime_bars;
    expect(bars).toHaveLength(90);
    expect(bars[0]!.date).toBe("2026-08-24");
    expect(bars.at(-1)!.date).toBe("2026-11-21");
    expect(bars.slice(0, 87).every((b) => b.status === "no_data" && b.uptime_pct === null && b.checks === 0)).toBe(true);
    expect(bars.at(-3)).toEqual({ date: "2026-11-19", status: "down", uptime_pct: 97.92, down_minutes: 30, degraded_minutes: 0, checks: 96 });
    // The 16:00 blip was a single down probe: not confirmed, so the day is degraded, not down.
    expect(bars.at(-2)).toEqual({ date: "2026-11-20", status: "degraded", uptime_pct: 100, down_minutes: 0, degraded_minutes: 30, checks: 96 });
    expect(bars.at(-1)).toEqual({ date: "2026-11-21", status: "healthy", uptime_pct: 100, down_minutes: 0, degraded_minutes: 0, checks: 24 });
    // 30 min down out of 54 known hours: 54 h of the 90 days (2,160 h) watched, from the first check.
    expect(system(h, "API").uptime_90d).toEqual({ pct: 99.07, covered_from: "2026-11-19T00:00:00.000Z", coverage: 0.025 });
  });

  it("24h: raw checks as points with their status, exact statistics, uptime of the window", async () => {
    const api = system(await history({ system: "API", timeframe: "24h" }), "API");
    expect(api.latency.granularity).toBe("check");
    if (api.latency.granularity !== "check") return;
    expect(api.latency.interval_ms).toBe(900_000);
    expect(api.latency.points).toHaveLength(96); // 20 Nov 06:00 … 21 Nov 05:45
    expect(api.latency.points[0]).toEqual({ t: "2026-11-20T06:00:00.000Z", ms: 100, status: "healthy" });
    expect(api.latency.points.find((p) => p.t === "2026-11-20T16:00:00.000Z")).toEqual({ t: "2026-11-20T16:00:00.000Z", ms: null, status: "down" });
    expect(api.latency.points.filter((p) => p.status === "degraded").map((p) => p.ms)).toEqual([2500, 2500]);
    // 69 × 100 ms, 24 × 200 ms, 2 × 2500 ms; the blip has no response time.
    expect(api.latency.stats).toEqual({ avg_ms: 175.8, p50_ms: 100, p95_ms: 200, p99_ms: 2500, count: 95, approximate: false });
    // Degraded counts as up; the blip was never confirmed. Watched for the whole 24 h.
    expect(api.latency.uptime).toEqual({ pct: 100, covered_from: "2026-11-20T06:00:00.000Z", coverage: 1 });
  });

  it("1h and 6h (young systems): the raw checks of that window only, with its own statistics and uptime", async () => {
    const short = async (timeframe: "1h" | "6h") => {
      const h = await history({ system: "API", timeframe });
      expect(h.timeframe).toBe(timeframe);
      return { h, latency: system(h, "API").latency };
    };
    const hour = await short("1h");
    expect(hour.h.window).toEqual({ start: "2026-11-21T05:00:00.000Z", end: "2026-11-21T06:00:00.000Z" });
    expect(hour.latency.granularity).toBe("check");
    expect(hour.latency.points.map((p) => p.t)).toEqual(["05:00", "05:15", "05:30", "05:45"].map((t) => `2026-11-21T${t}:00.000Z`));
    expect(hour.latency.stats).toMatchObject({ avg_ms: 200, count: 4 });
    expect(hour.latency.uptime?.pct).toBe(100);
    const six = await short("6h");
    expect(six.h.window.start).toBe("2026-11-21T00:00:00.000Z");
    expect(six.latency.points).toHaveLength(24); // 00:00 … 05:45, every 15 minutes
    expect(six.latency.points[0]!.t).toBe("2026-11-21T00:00:00.000Z");
    expect(six.latency.stats).toMatchObject({ avg_ms: 200, count: 24 });
  });

  it("7d and 30d: hourly rollups as points with avg and p95; stats from the merged histograms", async () => {
    for (const timeframe of ["7d", "30d"] as const) {
      const h = await history({ system: "api", timeframe }); // any case
      expect(h.systems).toHaveLength(1);
      const { latency } = system(h, "API");
      expect(latency.granularity).toBe("hour");
      if (latency.granularity === "check") return;
      expect(latency.interval_ms).toBe(H);
      expect(latency.points).toHaveLength(54); // 19 Nov 00:00 … 21 Nov 05:00
      const outage = latency.points.find((p) => p.t === "2026-11-19T12:00:00.000Z")!;
      expect(outage).toMatchObject({ avg_ms: 100, checks: 4 }); // two down checks have no latency
      const slow = latency.points.find((p) => p.t === "2026-11-20T08:00:00.000Z")!;
      expect(slow.avg_ms).toBe(1300);
      expect(slow.p95_ms! / 2500).toBeGreaterThan(0.91);
      expect(latency.stats.count).toBe(213);
      expect(latency.stats.avg_ms).toBe(133.8); // exact: (187·100 + 24·200 + 2·2500) / 213
      expect(latency.stats.p50_ms! / 100).toBeCloseTo(1, 0);
      expect(latency.stats.p99_ms! / 200).toBeCloseTo(1, 0);
      expect(latency.stats.approximate).toBe(true);
      // Three of the window's days watched: the figure says from when, never "over 30 days".
      expect(latency.uptime).toEqual({ pct: 99.07, covered_from: "2026-11-19T00:00:00.000Z", coverage: timeframe === "7d" ? 0.3214 : 0.075 });
    }
  });

  it("90d: daily rollups as points", async () => {
    const { latency } = system(await history({ system: "API", timeframe: "90d" }), "API");
    expect(latency.granularity).toBe("day");
    if (latency.granularity === "check") return;
    expect(latency.interval_ms).toBe(DAY);
    expect(latency.points.map((p) => [p.t.slice(0, 10), p.checks])).toEqual([
      ["2026-11-19", 96],
      ["2026-11-20", 96],
      ["2026-11-21", 24],
    ]);
    expect(latency.points[2]!.avg_ms).toBe(200);
    expect(latency.stats.count).toBe(213);
  });

  it("lists the confirmed state changes, newest first, with durations; the current one is open", async () => {
    const api = system(await history({ system: "API" }), "API");
    expect(api.state_changes.map((c) => [c.from, c.to, c.started_at, c.duration_ms])).toEqual([
      ["degraded", "healthy", "2026-11-20T08:30:00.000Z", null],
      ["healthy", "degraded", "2026-11-20T08:00:00.000Z", 30 * MIN],
      ["down", "healthy", "2026-11-19T12:30:00.000Z", 19.5 * H],
      ["healthy", "down", "2026-11-19T12:00:00.000Z", 30 * MIN],
      ["unknown", "healthy", "2026-11-19T00:00:00.000Z", 12 * H],
    ]);
    expect(api.state_changes[0]!.ended_at).toBeNull();
    expect(api.state_changes[3]).toMatchObject({ reason: "HTTP 503", ended_at: "2026-11-19T12:30:00.000Z" });
  });

  it("keeps the latest 20 changes even when they are older than the 90 days of bars", async () => {
    const worker = system(await history({ system: "Worker" }), "Worker");
    expect(worker.state_changes).toHaveLength(20);
    const starts = worker.state_changes.map((c) => Date.parse(c.started_at));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(worker.state_changes[0]).toMatchObject({ from: "down", to: "healthy", ended_at: null, duration_ms: null });
    expect(worker.state_changes[1]).toMatchObject({ from: "healthy", to: "down", duration_ms: 2 * MIN });
    // The still-current healthy state covers every day of the bars (it lasts until now).
    expect(worker.uptime_bars.every((b) => b.status === "healthy" && b.uptime_pct === 100)).toBe(true);
    expect(worker.uptime_bars.every((b) => b.checks === 0)).toBe(true); // no checks in 90 days
  });

  it("a never-checked system has grey bars, no points, no figures and no changes", async () => {
    for (const timeframe of ["24h", "7d", "90d"] as const) {
      const idle = system(await history({ system: "Idle", timeframe }), "Idle");
      expect(idle.status).toBe("unknown");
      expect(idle.uptime_bars.every((b) => b.status === "no_data")).toBe(true);
      expect(idle.uptime_90d).toBeNull();
      expect(idle.latency.points).toEqual([]);
      expect(idle.latency.stats).toMatchObject({ avg_ms: null, p50_ms: null, p95_ms: null, p99_ms: null, count: 0 });
      expect(idle.latency.uptime).toBeNull();
      expect(idle.state_changes).toEqual([]);
    }
  });

  it("an unknown system is NotFound naming it; a bad timeframe is a ValidationError on that field", async () => {
    await expect(history({ system: "Billing" })).rejects.toThrow(NotFoundError);
    await expect(history({ system: "Billing" })).rejects.toThrow(`Client "${clientId}" has no system named "Billing"`);
    const error = await history({ timeframe: "1y" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "timeframe", message: "must be one of 1h, 6h, 24h, 7d, 30d, 90d" }]);
    await expect(getSystemHistory({ ctx: get().ctx({ clock }), input: { client_id: uniqueClientId("none") } })).rejects.toThrow(NotFoundError);
    await expect(getSystemHistory({ ctx: get().ctx({ clock, scopes: [] }), input: { client_id: clientId } })).rejects.toThrow(/missing the "read" scope/);
  });

  it("GET /api/client/{id}/history: 200 with the history, 422 naming timeframe, 404 for an unknown system, 401 without a key", async () => {
    setProcessDatabase(get().database);
    const db = get().database.prisma;
    const restId = uniqueClientId("hist-rest");
    await registerClient({ ctx: get().ctx(), input: { client_id: restId, client_name: "REST History", systems: [{ name: "API", health_url: "https://api.rest-history.example/health" }] } });
    const apiId = (await db.system.findFirstOrThrow({ where: { client: { clientId: restId } } })).id;
    // The route runs on the real clock: record two checks of the last minutes.
    const now = Date.now();
    await recordCheck(get().ctx(), { id: apiId }, probeReport("healthy", 120), new Date(now - 2 * MIN));
    await recordCheck(get().ctx(), { id: apiId }, probeReport("healthy", 140), new Date(now - MIN));

    const key = await newApiKey(db, { scopes: ["read"] });
    const call = (query: string, headers: Record<string, string> = bearer(key)) =>
      historyRoute.GET(new Request(`http://127.0.0.1:3000/api/client/${restId}/history${query}`, { headers }), { params: Promise.resolve({ clientId: restId }) });

    const ok = await call("?timeframe=7d&system=API");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const body = (await ok.json()) as SystemHistory;
    expect(body).toMatchObject({ client_id: restId, timeframe: "7d", systems: [{ system_name: "API", status: "healthy" }] });
    expect(body.systems[0]!.uptime_bars).toHaveLength(90);
    expect(body.systems[0]!.uptime_bars.at(-1)).toMatchObject({ status: "healthy", checks: 2 });
    expect(body.systems[0]!.latency).toMatchObject({ granularity: "hour", stats: { count: 2, avg_ms: 130 } });

    const raw = (await (await call("")).json()) as SystemHistory; // default 24h
    expect(raw.timeframe).toBe("24h");
    expect(raw.systems[0]!.latency.points.map((p) => ("ms" in p ? p.ms : null))).toEqual([120, 140]);

    const young = (await (await call("?timeframe=1h")).json()) as SystemHistory;
    expect(young.timeframe).toBe("1h");
    expect(young.systems[0]!.latency.points.map((p) => ("ms" in p ? p.ms : null))).toEqual([120, 140]);
    expect(Date.parse(young.window.end) - Date.parse(young.window.start)).toBe(H);

    const bad = await call("?timeframe=1y");
    expect(bad.status).toBe(422);
    const badBody = await bad.json();
    expect(badBody.error).toMatchObject({ code: "validation_error", issues: [{ path: "timeframe" }] });

    const missing = await call("?system=Billing");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toEqual({ code: "not_found", message: `Client "${restId}" has no system named "Billing"` });

    const anonymous = await call("", {});
    expect(anonymous.status).toBe(401);
    // A key bound to another client cannot see this one (404, not 403: no probing for ids).
    const otherKey = await newApiKey(db, { scopes: ["read"], client_id: clientId });
    expect((await call("", bearer(otherKey))).status).toBe(404);
  });
});
