// The same figures across every client the caller may see (active ones), in one query: each
// client's period in its own zone, counts added across clients, money grouped by currency
// (amounts in different currencies are never added), and each client's own line.
import { scopeClients } from "@/lib/client-scope";
import { requireScope, type Context } from "@/lib/context";
import { parseInput } from "@/lib/errors";
import type { VerbInput } from "@/lib/input";
import { round2 } from "./decimal";
import { countFigures, laborCents, moneyFigures, trendFigures } from "./figures";
import { periodChoice, spanOutput } from "./get-performance-metrics";
import { resolvePeriod } from "./periods";
import { addTotals, readRollupTotals, type RollupWindow, type SystemTotals } from "./read-rollups";
import { portfolioMetricsInputSchema, type PortfolioMetrics } from "./schemas";

export async function getPortfolioMetrics({ ctx, input }: { ctx: Context; input: VerbInput<typeof portfolioMetricsInputSchema> }): Promise<PortfolioMetrics> {
  requireScope(ctx, "read");
  const data = parseInput(portfolioMetricsInputSchema, input ?? {});
  const now = ctx.clock.now();
  const clients = await ctx.db.client.findMany({
    where: scopeClients(ctx, { active: true }),
    select: { id: true, clientId: true, name: true, timeZone: true, currency: true, hourlyRateCents: true, systems: { select: { id: true } } },
    orderBy: [{ name: "asc" }],
  });
  const zones = [...new Set(clients.map((c) => c.timeZone))];
  const windows: RollupWindow[] = [];
  zones.forEach((zone, i) => {
    const p = resolvePeriod(zone, now, periodChoice(zone, data));
    windows.push({ key: 2 * i, zone, ...p.current }, { key: 2 * i + 1, zone, ...p.previous });
  });
  const utc = resolvePeriod("UTC", now, periodChoice("UTC", data));
  const totals = await readRollupTotals(ctx, clients.flatMap((c) => c.systems.map((s) => ({ id: s.id, zone: c.timeZone }))), windows);
  const periodMs = utc.current.end - utc.current.start;

  const allCurrent: SystemTotals[] = [];
  const allPrevious: SystemTotals[] = [];
  const money = new Map<string, { clients: number; cost: bigint; saved: bigint; labor: bigint }>();
  let systemsTotal = 0;
  let systemsReporting = 0;
  let coveredMs = 0;
  const byClient: PortfolioMetrics["by_client"] = [];
  for (const c of clients) {
    const z = zones.indexOf(c.timeZone);
    const cur = c.systems.map((s) => totals.get(2 * z)!.get(s.id)).filter((t): t is SystemTotals => t !== undefined);
    const prev = c.systems.map((s) => totals.get(2 * z + 1)!.get(s.id)).filter((t): t is SystemTotals => t !== undefined);
    const sum = addTotals(c.id, cur);
    allCurrent.push(sum);
    allPrevious.push(addTotals(c.id, prev));
    const m = money.get(c.currency) ?? { clients: 0, cost: 0n, saved: 0n, labor: 0n };
    m.clients++;
    m.cost += sum.costCents;
    m.saved += sum.timeSavedMilli;
    m.labor += laborCents(sum.timeSavedMilli, c.hourlyRateCents);
    money.set(c.currency, m);
    systemsTotal += c.systems.length;
    systemsReporting += cur.filter((t) => t.coveredMs > 0n).length;
    coveredMs += Number(sum.coveredMs);
    const counts = countFigures(sum);
    byClient.push({
      client_id: c.clientId,
      client_name: c.name,
      currency: c.currency,
      ...counts,
      cost_savings: Number(sum.costCents) / 100,
      performance_direction: trendFigures(counts, countFigures(addTotals(c.id, prev))).performance_direction,
      covered_share: c.systems.length && periodMs ? round2(Math.min(1, Number(sum.coveredMs) / (periodMs * c.systems.length))) : 0,
    });
  }
  const counts = countFigures(addTotals("all", allCurrent));
  return {
    timeframe: utc.timeframe,
    period: spanOutput(utc.current),
    clients: clients.length,
    metrics: counts,
    money: [...money.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, m]) => {
        const f = moneyFigures(currency, m.cost, m.saved, m.labor);
        return { currency, clients: m.clients, cost_savings: f.cost_savings, cost_savings_cents: f.cost_savings_cents, time_saved_hours: f.time_saved_hours, labor_cost_savings: f.labor_cost_savings, labor_cost_savings_cents: f.labor_cost_savings_cents };
      }),
    trends: trendFigures(counts, countFigures(addTotals("all", allPrevious))),
    coverage: { covered_share: systemsTotal && periodMs ? Math.round(Math.min(1, coveredMs / (periodMs * systemsTotal)) * 10_000) / 10_000 : 0, systems_total: systemsTotal, systems_reporting: systemsReporting },
    by_client: byClient,
  };
}
