// The benchmark data of bench:reports is what the app's own write paths would have stored: a
// small history (1 system, 2 days, the maintenance window with an outage inside it, 15-minute
// metrics in Europe/Berlin) generated in bulk SQL, then every seeded check replayed through
// recordCheck and every sample through acceptMetricSamples on a second, fresh database. The raw
// rows, the hour and day rollups (histograms included), the confirmed state history, the
// system's current state and the metric rollups must be the same row for row. (A check's status,
// reason and rule are the probe's, handed to recordCheck as they were seeded: what is checked is
// everything record-check derives from them.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerClient } from "@/lib/clients/register-client";
import { systemContext } from "@/lib/context";
import { openDatabase, type Database } from "@/lib/db/client";
import { createMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import { acceptMetricSamples } from "@/lib/metrics/accept-metric-sample";
import type { CheckStatus, ProbeRule } from "@/lib/monitoring/classify-probe";
import { recordCheck } from "@/lib/monitoring/record-check";
import { generateHistory, type MaintenancePlan } from "./dashboard-data";

const ZONE = "Europe/Berlin";
const DAYS = 2;
// Local midnight in Berlin, as bench:reports anchors its history (the first instant of a quarter).
const anchor = new Date("2026-10-01T00:00:00+02:00");
const start = new Date(anchor.getTime() - DAYS * 86_400_000);
// Day 1, 02:00–04:00: a deploy restart inside the window and an outage across its end.
const WS = 1440 + 120;
const plan: MaintenancePlan = {
  title: "Planned platform upgrade",
  startMinute: WS,
  minutes: 120,
  outages: [
    { systemIdx: 0, fromMinute: WS + 5, toMinute: WS + 40, kind: "down_503" },
    { systemIdx: 0, fromMinute: WS + 100, toMinute: WS + 150, kind: "down_timeout" },
  ],
};

let seeded: Database;
let replayed: Database;

beforeAll(async () => {
  [seeded, replayed] = await Promise.all([openDatabase({ kind: "pglite" }), openDatabase({ kind: "pglite" })]);
  await generateHistory(seeded, { systems: 1, perClient: 1, days: DAYS, anchor, log: () => {}, zones: [ZONE], metricDays: DAYS, attention: false, maintenance: plan });

  // The same client, system and window on the second database, through the verbs.
  await registerClient({
    ctx: systemContext(replayed.prisma),
    input: { client_id: "client-0000", client_name: "Client 0000", industry: "Logistics", time_zone: ZONE, systems: [{ name: "Automation 1", health_url: "https://client-0.example.com/systems/0/health", check_interval_seconds: 60 }] },
  });
  const startsAt = new Date(start.getTime() + WS * 60_000);
  await createMaintenanceWindow({
    ctx: systemContext(replayed.prisma, { now: () => new Date(startsAt.getTime() - 7 * 86_400_000) }),
    input: { client_id: "client-0000", title: plan.title, starts_at: startsAt.toISOString(), ends_at: new Date(startsAt.getTime() + 120 * 60_000).toISOString() },
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([seeded?.close(), replayed?.close()]);
});

const systemId = async (db: Database) => (await db.runner.query<{ id: string }>(`SELECT id FROM systems`))[0]!.id;

describe("bench:reports data = the app's write paths", () => {
  it("replays every seeded check through recordCheck to the same rows, rollups and state history", async () => {
    const from = await systemId(seeded);
    const to = await systemId(replayed);
    const checks = await seeded.runner.query<{
      checked_at: Date;
      status: CheckStatus;
      response_time_ms: number | null;
      http_status: number | null;
      reported_uptime: number | null;
      error: string | null;
      reason: string;
      rule: ProbeRule;
    }>(`SELECT checked_at, status::text AS status, response_time_ms, http_status, reported_uptime, error, reason, rule FROM health_checks WHERE system_id = $1 ORDER BY checked_at`, [from]);
    expect(checks.length).toBe(DAYS * 1440);
    const ctx = systemContext(replayed.prisma);
    for (const c of checks) {
      await recordCheck(
        ctx,
        { id: to },
        { status: c.status, rule: c.rule, reason: c.reason, httpStatus: c.http_status, reportedUptime: c.reported_uptime, format: null, responseTimeMs: c.response_time_ms, error: c.error },
        new Date(c.checked_at),
      );
    }

    const rows = (db: Database, id: string) =>
      db.runner.query(`SELECT checked_at, status::text, response_time_ms, http_status, reported_uptime, error, reason, rule, maintenance FROM health_checks WHERE system_id = $1 ORDER BY checked_at`, [id]);
    const rawSeeded = await rows(seeded, from);
    expect(await rows(replayed, to)).toEqual(rawSeeded);
    // The window did mark checks (an outage inside it) and they are counted apart.
    expect(rawSeeded.filter((r) => (r as { maintenance: boolean }).maintenance).length).toBe(120);

    const rollups = async (db: Database, id: string) =>
      (
        await db.runner.query<{ latency_sum: number }>(
          `SELECT period::text, bucket_start, checks, healthy, degraded, down, maintenance, latency_count, latency_sum, latency_max, latency_hist
           FROM check_rollups WHERE system_id = $1 ORDER BY period, bucket_start`,
          [id],
        )
      ).map((r) => ({ ...r, latency_sum: Math.round(Number(r.latency_sum) * 1000) / 1000 })); // float sums in another order
    const seededRollups = await rollups(seeded, from);
    expect(seededRollups.length).toBeGreaterThan(DAYS * 24);
    expect(await rollups(replayed, to)).toEqual(seededRollups);

    const changes = (db: Database, id: string) =>
      db.runner.query(`SELECT from_status::text, to_status::text, reason, started_at, ended_at FROM status_changes WHERE system_id = $1 ORDER BY started_at`, [id]);
    const seededChanges = await changes(seeded, from);
    expect(seededChanges.filter((c) => (c as { to_status: string }).to_status === "down").length).toBeGreaterThanOrEqual(2);
    expect(await changes(replayed, to)).toEqual(seededChanges);

    const state = (db: Database, id: string) =>
      db.runner.query(`SELECT status::text, status_reason, status_rule, status_changed_at, pending_status::text, pending_count, pending_since, last_check_at, last_response_time_ms FROM systems WHERE id = $1`, [id]);
    expect(await state(replayed, to)).toEqual(await state(seeded, from));
  }, 300_000);

  it("replays every seeded sample through acceptMetricSamples to the same rollups in the client's zone", async () => {
    const from = await systemId(seeded);
    const to = await systemId(replayed);
    const samples = await seeded.runner.query<{ period_start: Date; period_end: Date; total_automations: number; successful_automations: number; failed_automations: number; p: string; cents: string; saved: string }>(
      `SELECT period_start, period_end, total_automations, successful_automations, failed_automations, total_processing_time::text AS p, cost_savings_cents::text AS cents, time_saved_hours::text AS saved
       FROM metric_samples WHERE system_id = $1 ORDER BY period_start`,
      [from],
    );
    expect(samples.length).toBe(DAYS * 96);
    const milli = (text: string) => BigInt(Math.round(Number(text) * 1000));
    const result = await acceptMetricSamples(replayed.prisma, {
      systemId: to,
      source: "pull",
      at: anchor,
      label: "replay",
      samples: samples.map((s) => ({
        periodStart: new Date(s.period_start),
        periodEnd: new Date(s.period_end),
        total: Number(s.total_automations),
        successful: Number(s.successful_automations),
        failed: Number(s.failed_automations),
        processingMilli: milli(s.p),
        costCents: BigInt(s.cents),
        timeSavedMilli: milli(s.saved),
        errorReductionPct: null,
        processImprovement: null,
      })),
    });
    expect(result.outcome).toBe("accepted");

    const rollups = (db: Database, id: string) =>
      db.runner.query(
        `SELECT period::text, bucket_start, samples, covered_ms::text, total_automations::text, successful_automations::text, failed_automations::text,
           total_processing_time::numeric(20,3)::text AS p, cost_savings_cents::text, time_saved_hours::numeric(20,3)::text AS saved
         FROM metric_rollups WHERE system_id = $1 ORDER BY period, bucket_start`,
        [id],
      );
    const seededRollups = await rollups(seeded, from);
    // The history starts at local midnight: exactly DAYS local days.
    expect(seededRollups.filter((r) => (r as { period: string }).period === "day").length).toBe(DAYS);
    expect(await rollups(replayed, to)).toEqual(seededRollups);
  }, 120_000);
});
