// GET /api/system/trends: the health trends of lib/monitoring (checks, uptime, latency per UTC
// day) plus daily automation volume and success rate from the daily metric rollups, for the
// portfolio and per client (the dashboard chart's hover). A client's figures for a date are its
// own day with that date (its time zone). Composed here because metrics depends on monitoring,
// never the reverse.
import { scopeSql } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import type { VerbInput } from "@/lib/input";
import { getSystemTrends, type SystemTrends, type systemTrendsInputSchema } from "@/lib/monitoring/get-system-trends";
import { round2 } from "./decimal";

interface AutomationDay {
  automations: number;
  successful_automations: number;
  /** null on a day without automations. */
  success_rate: number | null;
  /** Share of the day the enabled systems' metric reports cover (covered ms ÷ systems × 24 h), 0–1. */
  automations_covered_share: number;
}

export type TrendsWithAutomations = Omit<SystemTrends, "days" | "summary"> & {
  days: (SystemTrends["days"][number] & AutomationDay)[];
  summary: SystemTrends["summary"] & AutomationDay;
  /**
   * Per client, aligned with `days` (clients without reports in the period are left out).
   * `reported` is false on a day none of its systems reported: a gap in a chart, not a zero.
   */
  clients: {
    client_id: string;
    client_name: string;
    automations: number[];
    successful_automations: number[];
    failed_automations: number[];
    success_rate: (number | null)[];
    reported: boolean[];
  }[];
};

const rate = (total: number, ok: number) => (total > 0 ? round2((ok / total) * 100) : null);

export async function getTrendsWithAutomations({ ctx, input }: { ctx: Context; input: VerbInput<typeof systemTrendsInputSchema> }): Promise<TrendsWithAutomations> {
  requireScope(ctx, "read");
  const trends = await getSystemTrends({ ctx, input });
  const dates = trends.days.map((d) => d.date);
  const index = new Map(dates.map((d, i) => [d, i]));
  // Daily buckets from a day before the first UTC date (zones ahead of UTC start their day earlier).
  const from = new Date(Date.parse(`${dates[0]}T00:00:00Z`) - 86_400_000);
  const rows = await ctx.db.$queryRaw<{ client_id: string; name: string; date: string; total: string; successful: string; failed: string; covered: string }[]>`
    SELECT c.client_id, c.name, to_char(r.bucket_start AT TIME ZONE c.time_zone, 'YYYY-MM-DD') AS date,
      SUM(r.total_automations)::text AS total, SUM(r.successful_automations)::text AS successful,
      SUM(r.failed_automations)::text AS failed, SUM(r.covered_ms)::text AS covered
    FROM metric_rollups r
    JOIN systems s ON s.id = r.system_id
    JOIN clients c ON c.id = s.client_ref
    WHERE r.period = 'day' AND r.bucket_start >= ${from} AND c.active AND ${scopeSql(ctx, { clientRef: "s.client_ref" })}
    GROUP BY c.client_id, c.name, 3
    ORDER BY c.name, c.client_id`;
  const totals = dates.map(() => ({ total: 0, ok: 0, covered: 0 }));
  const clients = new Map<string, { client_id: string; client_name: string; total: number[]; ok: number[]; failed: number[]; reported: boolean[] }>();
  for (const r of rows) {
    const i = index.get(r.date);
    if (i === undefined) continue;
    const total = Number(r.total);
    const ok = Number(r.successful);
    totals[i].total += total;
    totals[i].ok += ok;
    totals[i].covered += Number(r.covered);
    let c = clients.get(r.client_id);
    if (!c) {
      const zeros = () => dates.map(() => 0);
      clients.set(r.client_id, (c = { client_id: r.client_id, client_name: r.name, total: zeros(), ok: zeros(), failed: zeros(), reported: dates.map(() => false) }));
    }
    c.total[i] += total;
    c.ok[i] += ok;
    c.failed[i] += Number(r.failed);
    // A day bucket exists only where a report covered part of that day.
    c.reported[i] = true;
  }
  const sum = totals.reduce((a, t) => ({ total: a.total + t.total, ok: a.ok + t.ok, covered: a.covered + t.covered }), { total: 0, ok: 0, covered: 0 });
  const share = (covered: number, days: number) => (trends.systems > 0 ? Math.round(Math.min(1, covered / (trends.systems * days * 86_400_000)) * 10_000) / 10_000 : 0);
  return {
    ...trends,
    days: trends.days.map((d, i) => ({ ...d, automations: totals[i].total, successful_automations: totals[i].ok, success_rate: rate(totals[i].total, totals[i].ok), automations_covered_share: share(totals[i].covered, 1) })),
    summary: { ...trends.summary, automations: sum.total, successful_automations: sum.ok, success_rate: rate(sum.total, sum.ok), automations_covered_share: share(sum.covered, dates.length) },
    clients: [...clients.values()].map((c) => ({
      client_id: c.client_id,
      client_name: c.client_name,
      automations: c.total,
      successful_automations: c.ok,
      failed_automations: c.failed,
      success_rate: c.total.map((t, i) => rate(t, c.ok[i])),
      reported: c.reported,
    })),
  };
}
