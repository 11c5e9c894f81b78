import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientIdSchema } from "@/lib/clients/schemas";
import { assessStalled, learnQuietHistory, type QuietHourBucket } from "@/lib/monitoring/stalled";
import {
  DEMO_CLIENTS,
  DEMO_SYSTEMS,
  MAX_METRICS_PERIOD_MS,
  findDemoSystem,
  healthAt,
  metricsFor,
  systemSlug,
  type DemoSystemProfile,
  type MetricsBody,
  type SeedHealthBody,
} from "./fleet-model";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

// The client endpoint contracts of SPEC.md, written independently of the model's own types.
const seedHealthSchema = z.object({
  status: z.enum(["healthy", "degraded", "down"]),
  timestamp: z.iso.datetime(),
  uptime_percentage: z.number().min(0).max(100),
  endpoints_checked: z.number().int().positive(),
  endpoints_healthy: z.number().int().min(0),
  response_time_ms: z.number().positive(),
  system_info: z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/), environment: z.string().min(1) }),
});
const ietfHealthSchema = z.object({
  status: z.enum(["pass", "warn", "fail"]),
  version: z.string(),
  releaseId: z.string(),
  checks: z.record(z.string(), z.array(z.object({ status: z.enum(["pass", "warn", "fail"]), observedValue: z.number(), time: z.iso.datetime() }))),
});
const actuatorHealthSchema = z.object({
  status: z.enum(["UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN"]),
  components: z.record(z.string(), z.object({ status: z.string() })),
});
const metricsSchema = z.object({
  period: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  total_automations: z.number().int().min(0),
  successful_automations: z.number().int().min(0),
  failed_automations: z.number().int().min(0),
  total_processing_time: z.number().min(0),
  cost_savings: z.number().min(0),
  efficiency_gains: z.object({
    time_saved_hours: z.number().min(0),
    error_reduction_percentage: z.number().min(0).max(100),
    process_improvement: z.number().min(0).max(100),
  }),
});

function system(clientId: string, slug: string): DemoSystemProfile {
  const found = findDemoSystem(clientId, slug);
  if (!found) throw new Error(`no demo system ${clientId}/${slug}`);
  return found;
}

const seedBody = (s: DemoSystemProfile, at: number) => healthAt(s, new Date(at)).body as SeedHealthBody;
const minutesOf = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i * MINUTE);
const rate = (m: MetricsBody) => (100 * m.successful_automations) / m.total_automations;

// Wednesday 18 and Saturday 21 November 2026, 00:00 UTC.
const WEDNESDAY = Date.UTC(2026, 10, 18);
const SATURDAY = Date.UTC(2026, 10, 21);
const localMidnight = (s: DemoSystemProfile, utcMidnight: number) => utcMidnight - s.utcOffsetHours * HOUR;

describe("demo profiles", () => {
  it("has six clients with 2-4 systems each, 18 systems in all, valid and unique ids", () => {
    expect(DEMO_CLIENTS).toHaveLength(6);
    for (const c of DEMO_CLIENTS) {
      expect(clientIdSchema.safeParse(c.clientId).success, c.clientId).toBe(true);
      expect(c.systems.length).toBeGreaterThanOrEqual(2);
      expect(c.systems.length).toBeLessThanOrEqual(4);
      expect(new Set(c.systems.map((s) => s.slug)).size).toBe(c.systems.length);
    }
    expect(DEMO_SYSTEMS).toHaveLength(18);
    expect(new Set(DEMO_CLIENTS.map((c) => c.clientId)).size).toBe(6);
    expect(DEMO_CLIENTS[0]).toMatchObject({ clientId: "tnt-limousine-001", name: "TNT Limousine", industry: "Transportation" });
    expect(DEMO_CLIENTS[0].systems.map((s) => s.name)).toEqual(["Lead Processing", "Booking Management", "Customer Communication"]);
  });

  it("slugs system names for the fleet routes", () => {
    expect(systemSlug("Lead Processing")).toBe("lead-processing");
    expect(systemSlug("  Harper & Cole: Document  Assembly! ")).toBe("harper-cole-document-assembly");
    expect(findDemoSystem("tnt-limousine-001", "booking-management")?.name).toBe("Booking Management");
    expect(findDemoSystem("tnt-limousine-001", "nope")).toBeUndefined();
    expect(findDemoSystem("unknown-client", "lead-processing")).toBeUndefined();
  });

  it("declares base success rates between 92 % and 99.5 %", () => {
    for (const s of DEMO_SYSTEMS) {
      expect(s.successRate, s.id).toBeGreaterThanOrEqual(92);
      expect(s.successRate, s.id).toBeLessThanOrEqual(99.5);
    }
  });
});

describe("healthAt", () => {
  it("is deterministic: the same instant gives the same answer, other instants and systems differ", () => {
    const at = Date.UTC(2026, 10, 21, 14, 7, 31);
    for (const s of DEMO_SYSTEMS) expect(healthAt(s, new Date(at))).toEqual(healthAt(s, new Date(at)));
    const lead = system("tnt-limousine-001", "lead-processing");
    const latencies = new Set(minutesOf(at, 30).map((t) => healthAt(lead, new Date(t)).latencyMs));
    expect(latencies.size).toBeGreaterThan(20); // noise is real
    const sameInstant = new Set(DEMO_SYSTEMS.map((s) => healthAt(s, new Date(at)).latencyMs));
    expect(sameInstant.size).toBeGreaterThan(12);
  });

  it("keeps the reference client healthy all day with 120-400 ms latency", () => {
    const client = DEMO_CLIENTS.find((c) => c.clientId === "tnt-limousine-001")!;
    for (const s of client.systems) {
      for (const t of minutesOf(SATURDAY, 24 * 60)) {
        const h = healthAt(s, new Date(t));
        expect(h.httpStatus).toBe(200);
        expect(h.latencyMs).toBeGreaterThanOrEqual(120);
        expect(h.latencyMs).toBeLessThanOrEqual(400);
        const body = h.body as SeedHealthBody;
        expect(body.status).toBe("healthy");
        expect(body.endpoints_healthy).toBe(body.endpoints_checked);
      }
    }
  });

  it("matches the seed /health contract (and the IETF / Actuator formats) at every minute of a day", () => {
    for (const s of DEMO_SYSTEMS) {
      const schema = s.format === "ietf" ? ietfHealthSchema : s.format === "actuator" ? actuatorHealthSchema : seedHealthSchema;
      for (const t of minutesOf(WEDNESDAY, 24 * 60)) {
        const h = healthAt(s, new Date(t));
        const parsed = schema.safeParse(h.body);
        expect(parsed.success, `${s.id} at ${new Date(t).toISOString()}: ${parsed.error?.message}`).toBe(true);
        expect(JSON.parse(JSON.stringify(h.body))).toEqual(h.body); // plain JSON
        if (s.format === "seed") {
          const body = h.body as SeedHealthBody;
          expect(body.timestamp).toBe(new Date(t).toISOString());
          expect(body.endpoints_healthy).toBeLessThanOrEqual(body.endpoints_checked);
          expect(body.response_time_ms).toBe(h.latencyMs);
        }
      }
    }
  });

  it("makes BrightSmile Dental degraded at its scripted minutes of every hour, and only then", () => {
    const insurance = system("brightsmile-dental-001", "insurance-verification");
    const intake = system("brightsmile-dental-001", "patient-intake");
    for (let hour = 0; hour < 24; hour++) {
      const h = WEDNESDAY + hour * HOUR;
      // minutes 15-29: Insurance Verification reports degraded, 4 of 5 endpoints healthy
      for (const m of [15, 22, 29]) {
        const body = seedBody(insurance, h + m * MINUTE);
        expect(body.status).toBe("degraded");
        expect(body.endpoints_healthy).toBeLessThan(body.endpoints_checked);
        expect(healthAt(insurance, new Date(h + m * MINUTE)).httpStatus).toBe(200);
      }
      // minutes 40-49: Patient Intake answers slower than the 2000 ms degraded threshold
      for (const m of [40, 45, 49]) {
        const res = healthAt(intake, new Date(h + m * MINUTE));
        expect(res.latencyMs).toBeGreaterThan(2000);
        expect(res.latencyMs).toBeLessThanOrEqual(3000);
      }
      for (const m of [0, 14, 30, 39, 50, 59]) {
        const t = h + m * MINUTE;
        expect(seedBody(insurance, t).status).toBe("healthy");
        expect(seedBody(insurance, t).endpoints_healthy).toBe(5);
        expect(healthAt(intake, new Date(t)).latencyMs).toBeLessThan(2000);
        expect(seedBody(intake, t).status).toBe("healthy");
      }
    }
  });

  it("makes Abandoned Cart Recovery flap: 5 minutes healthy, 3 minutes down, over and over", () => {
    const cart = system("northwind-outfitters-001", "abandoned-cart-recovery");
    const states = minutesOf(WEDNESDAY, 240).map((t) => seedBody(cart, t).status);
    expect(new Set(states)).toEqual(new Set(["healthy", "down"]));
    // run-length encode: alternating runs of exactly 5 healthy and 3 down (edges may be cut)
    const runs: Array<[string, number]> = [];
    for (const s of states) {
      if (runs.length && runs[runs.length - 1][0] === s) runs[runs.length - 1][1]++;
      else runs.push([s, 1]);
    }
    expect(runs.length).toBeGreaterThanOrEqual(58); // 240 / 8 cycles × 2 runs each
    for (const [state, length] of runs.slice(1, -1)) expect(length).toBe(state === "healthy" ? 5 : 3);
    // down is reported in the body with HTTP 200, endpoints at 0
    const downAt = minutesOf(WEDNESDAY, 240).find((t) => seedBody(cart, t).status === "down")!;
    expect(healthAt(cart, new Date(downAt)).httpStatus).toBe(200);
    expect(seedBody(cart, downAt).endpoints_healthy).toBe(0);
  });

  it("gives Invoice Processing a 20-minute HTTP 503 outage every 3 hours", () => {
    const invoices = system("swift-freight-001", "invoice-processing");
    const outage = healthAt(invoices, new Date(Date.UTC(2026, 10, 18, 1, 45)));
    expect(outage.httpStatus).toBe(503);
    expect((outage.body as SeedHealthBody).status).toBe("down");
    expect((outage.body as SeedHealthBody).endpoints_healthy).toBe(0);
    expect(healthAt(invoices, new Date(Date.UTC(2026, 10, 18, 1, 39, 59))).httpStatus).toBe(200);
    expect(healthAt(invoices, new Date(Date.UTC(2026, 10, 18, 2, 0))).httpStatus).toBe(200);

    const downMinutes = minutesOf(WEDNESDAY, 24 * 60).filter((t) => healthAt(invoices, new Date(t)).httpStatus === 503);
    expect(downMinutes).toHaveLength(8 * 20);
    const windowStarts = downMinutes.filter((t) => !downMinutes.includes(t - MINUTE)).map((t) => new Date(t).toISOString().slice(11, 16));
    expect(windowStarts).toEqual(["01:40", "04:40", "07:40", "10:40", "13:40", "16:40", "19:40", "22:40"]);
    for (const t of downMinutes) expect((seedBody(invoices, t) as SeedHealthBody).status).toBe("down");
  });

  it("speaks IETF health+json for Listing Syndication, with warn windows", () => {
    const listings = system("keystone-realty-001", "listing-syndication");
    const pass = healthAt(listings, new Date(Date.UTC(2026, 10, 18, 4, 0)));
    expect(pass.contentType).toBe("application/health+json");
    expect(pass).toMatchObject({ httpStatus: 200, body: { status: "pass" } });
    expect(healthAt(listings, new Date(Date.UTC(2026, 10, 18, 4, 35)))).toMatchObject({ httpStatus: 200, body: { status: "warn" } });
    const warnMinutes = minutesOf(WEDNESDAY, 24 * 60).filter((t) => (healthAt(listings, new Date(t)).body as { status: string }).status === "warn");
    expect(warnMinutes).toHaveLength(6 * 15);
  });

  it("speaks Spring Actuator for Document Assembly, OUT_OF_SERVICE in its Sunday maintenance window", () => {
    const docs = system("harper-cole-law-001", "document-assembly");
    expect(healthAt(docs, new Date(WEDNESDAY + 10 * HOUR))).toMatchObject({ httpStatus: 200, body: { status: "UP" } });
    // Sunday 22 November 2026, 02:10 local time (UTC-5) = 07:10 UTC
    const maintenance = healthAt(docs, new Date(Date.UTC(2026, 10, 22, 7, 10)));
    expect(maintenance).toMatchObject({ httpStatus: 503, body: { status: "OUT_OF_SERVICE" } });
    expect(healthAt(docs, new Date(Date.UTC(2026, 10, 22, 7, 30)))).toMatchObject({ httpStatus: 200, body: { status: "UP" } });
    // a Wednesday at the same local time is normal
    expect(healthAt(docs, new Date(Date.UTC(2026, 10, 18, 7, 10)))).toMatchObject({ httpStatus: 200, body: { status: "UP" } });
  });

  it("rejects an invalid date", () => {
    expect(() => healthAt(DEMO_SYSTEMS[0], new Date("nope"))).toThrow(RangeError);
  });
});

describe("metricsFor", () => {
  const end = Date.UTC(2026, 10, 21, 13, 17, 42);

  it("is deterministic and matches the seed /metrics contract", () => {
    for (const s of DEMO_SYSTEMS) {
      const m = metricsFor(s, new Date(end - 7 * DAY), new Date(end));
      expect(metricsFor(s, new Date(end - 7 * DAY), new Date(end))).toEqual(m);
      const parsed = metricsSchema.safeParse(m);
      expect(parsed.success, `${s.id}: ${parsed.error?.message}`).toBe(true);
      expect(m.period).toEqual({ start: new Date(end - 7 * DAY).toISOString(), end: new Date(end).toISOString() });
      expect(m.total_automations).toBeGreaterThan(0);
    }
  });

  it("never counts more successes than runs: successful + failed = total, for windows of every size", () => {
    const windows = [1, 7, 59, 60, 61, 600, 1440, 10_080, 43_200].map((minutes) => minutes * MINUTE);
    for (const s of DEMO_SYSTEMS) {
      for (const w of windows) {
        for (const offset of [0, 13 * MINUTE, 5 * HOUR + 31_337]) {
          const m = metricsFor(s, new Date(end - w - offset), new Date(end - offset));
          expect(m.successful_automations + m.failed_automations).toBe(m.total_automations);
          expect(m.successful_automations).toBeLessThanOrEqual(m.total_automations);
          expect(m.failed_automations).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it("is additive: metrics for [a, c) = [a, b) + [b, c), at any split point", () => {
    const a = end - 9 * DAY - 17 * MINUTE;
    const splits = [a + 1, a + 29 * MINUTE + 123, a + HOUR, a + 3 * DAY + 7 * HOUR + 41 * MINUTE + 7_000, end - 1];
    for (const s of DEMO_SYSTEMS) {
      const whole = metricsFor(s, new Date(a), new Date(end));
      for (const b of splits) {
        const left = metricsFor(s, new Date(a), new Date(b));
        const right = metricsFor(s, new Date(b), new Date(end));
        expect(left.total_automations + right.total_automations).toBe(whole.total_automations);
        expect(left.successful_automations + right.successful_automations).toBe(whole.successful_automations);
        expect(left.failed_automations + right.failed_automations).toBe(whole.failed_automations);
        expect(Math.abs(left.cost_savings + right.cost_savings - whole.cost_savings)).toBeLessThan(0.011);
        expect(Math.abs(left.total_processing_time + right.total_processing_time - whole.total_processing_time)).toBeLessThan(0.11);
        expect(Math.abs(left.efficiency_gains.time_saved_hours + right.efficiency_gains.time_saved_hours - whole.efficiency_gains.time_saved_hours)).toBeLessThan(0.11);
      }
    }
  });

  it("sums hourly and daily pieces into the same month", () => {
    const s = system("northwind-outfitters-001", "order-sync");
    const start = Date.UTC(2026, 9, 20);
    const month = metricsFor(s, new Date(start), new Date(start + 30 * DAY));
    let days = 0;
    for (let d = 0; d < 30; d++) days += metricsFor(s, new Date(start + d * DAY), new Date(start + (d + 1) * DAY)).total_automations;
    expect(days).toBe(month.total_automations);
    const day = metricsFor(s, new Date(start), new Date(start + DAY));
    let hours = 0;
    for (let h = 0; h < 24; h++) hours += metricsFor(s, new Date(start + h * HOUR), new Date(start + (h + 1) * HOUR)).total_automations;
    expect(hours).toBe(day.total_automations);
  });

  it("has lower volume on weekends than on weekdays, for every system", () => {
    for (const s of DEMO_SYSTEMS) {
      const wed = metricsFor(s, new Date(localMidnight(s, WEDNESDAY)), new Date(localMidnight(s, WEDNESDAY) + DAY));
      const sat = metricsFor(s, new Date(localMidnight(s, SATURDAY)), new Date(localMidnight(s, SATURDAY) + DAY));
      expect(sat.total_automations, s.id).toBeLessThan(wed.total_automations);
      // a weekday is about the declared daily volume (±25 %)
      expect(wed.total_automations, s.id).toBeGreaterThan(s.dailyVolume * 0.75);
      expect(wed.total_automations, s.id).toBeLessThan(s.dailyVolume * 1.25);
    }
  });

  it("is busier in business hours than at night (local time)", () => {
    for (const s of DEMO_SYSTEMS) {
      let business = 0;
      let night = 0;
      for (let d = 0; d < 5; d++) {
        const midnight = localMidnight(s, Date.UTC(2026, 10, 16 + d)); // Monday to Friday
        business += metricsFor(s, new Date(midnight + 10 * HOUR), new Date(midnight + 11 * HOUR)).total_automations;
        night += metricsFor(s, new Date(midnight + 3 * HOUR), new Date(midnight + 4 * HOUR)).total_automations;
      }
      expect(business, s.id).toBeGreaterThan(night * 3);
    }
  });

  it("keeps 30-day success rates realistic (88-100 %) and near each system's declared rate", () => {
    for (const s of DEMO_SYSTEMS) {
      const m = metricsFor(s, new Date(end - 30 * DAY), new Date(end));
      expect(rate(m), s.id).toBeGreaterThan(88);
      expect(rate(m), s.id).toBeLessThanOrEqual(100);
      if (!s.successDecline && !s.successImprovement && s.incident?.kind !== "outage") expect(Math.abs(rate(m) - s.successRate), s.id).toBeLessThan(1.5);
    }
  });

  it("costs the outage system failures in its outage hours", () => {
    const invoices = system("swift-freight-001", "invoice-processing");
    let outageFailures = 0;
    let outageRuns = 0;
    let otherFailures = 0;
    let otherRuns = 0;
    for (let d = 0; d < 14; d++) {
      for (let h = 0; h < 24; h++) {
        const t = Date.UTC(2026, 10, 2 + d, h);
        const m = metricsFor(invoices, new Date(t), new Date(t + HOUR));
        if (h % 3 === 1) [outageFailures, outageRuns] = [outageFailures + m.failed_automations, outageRuns + m.total_automations];
        else [otherFailures, otherRuns] = [otherFailures + m.failed_automations, otherRuns + m.total_automations];
      }
    }
    expect(outageFailures / outageRuns).toBeGreaterThan((otherFailures / otherRuns) * 2);
  });

  it("makes Harper & Cole trend worse: success falls through each 90-day cycle", () => {
    const client = DEMO_CLIENTS.find((c) => c.clientId === "harper-cole-law-001")!;
    const anchor = Date.parse(client.successDecline!.cycleAnchor);
    for (const s of client.systems) {
      const first = metricsFor(s, new Date(anchor), new Date(anchor + 30 * DAY));
      const middle = metricsFor(s, new Date(anchor + 30 * DAY), new Date(anchor + 60 * DAY));
      const last = metricsFor(s, new Date(anchor + 60 * DAY), new Date(anchor + 90 * DAY));
      expect(rate(middle), s.id).toBeLessThan(rate(first));
      expect(rate(last), s.id).toBeLessThan(rate(middle));
      expect(rate(first) - rate(last), s.id).toBeGreaterThan(4);
    }
    // other clients hold steady month over month
    const lead = system("tnt-limousine-001", "lead-processing");
    const a = metricsFor(lead, new Date(anchor), new Date(anchor + 30 * DAY));
    const b = metricsFor(lead, new Date(anchor + 60 * DAY), new Date(anchor + 90 * DAY));
    expect(Math.abs(rate(a) - rate(b))).toBeLessThan(1.5);
  });

  it("cuts periods longer than 366 days and answers zeros for empty or reversed periods", () => {
    const s = DEMO_SYSTEMS[0];
    const long = metricsFor(s, new Date(end - 800 * DAY), new Date(end));
    expect(long.period.start).toBe(new Date(end - MAX_METRICS_PERIOD_MS).toISOString());
    expect(long).toEqual(metricsFor(s, new Date(end - 366 * DAY), new Date(end)));
    for (const [from, to] of [[end, end], [end, end - HOUR]]) {
      const m = metricsFor(s, new Date(from), new Date(to));
      expect(m).toMatchObject({ total_automations: 0, successful_automations: 0, failed_automations: 0, total_processing_time: 0, cost_savings: 0 });
      expect(m.efficiency_gains).toEqual({ time_saved_hours: 0, error_reduction_percentage: 0, process_improvement: 0 });
    }
    expect(() => metricsFor(s, new Date("x"), new Date(end))).toThrow(RangeError);
  });
});

// The business story of issue #10: one client improving, one declining, one system stalled
// while healthy — judged by the same rules the app uses (30 days against the 30 before; the
// stalled rule of lib/monitoring/stalled.ts fed with the model's own hourly history).
describe("the demo's business story", () => {
  const client = (id: string) => DEMO_CLIENTS.find((c) => c.clientId === id)!;
  const anchor = Date.parse(client("harper-cole-law-001").successDecline!.cycleAnchor);
  /** A client's success rate over [from, to), summed over its systems. */
  const clientRate = (id: string, from: number, to: number) => {
    let total = 0;
    let ok = 0;
    for (const s of client(id).systems) {
      const m = metricsFor(s, new Date(from), new Date(to));
      total += m.total_automations;
      ok += m.successful_automations;
    }
    return (100 * ok) / total;
  };
  /** Success-rate change in points: the 30 days before `at` against the 30 before those. */
  const trend = (id: string, at: number) => clientRate(id, at - 30 * DAY, at) - clientRate(id, at - 60 * DAY, at - 30 * DAY);

  it("Keystone climbs through each 90-day cycle while Harper & Cole falls, on the same dates", () => {
    expect(client("keystone-realty-001").successImprovement!.cycleAnchor).toBe(client("harper-cole-law-001").successDecline!.cycleAnchor);
    for (const s of client("keystone-realty-001").systems) {
      const first = metricsFor(s, new Date(anchor), new Date(anchor + 30 * DAY));
      const middle = metricsFor(s, new Date(anchor + 30 * DAY), new Date(anchor + 60 * DAY));
      const last = metricsFor(s, new Date(anchor + 60 * DAY), new Date(anchor + 90 * DAY));
      expect(rate(middle), s.id).toBeGreaterThan(rate(first));
      expect(rate(last), s.id).toBeGreaterThan(rate(middle));
      expect(rate(last) - rate(first), s.id).toBeGreaterThan(4);
      // It ends the cycle near its declared rate.
      expect(Math.abs(rate(last) - (s.successRate - 1.5)), s.id).toBeLessThan(1.5);
    }
  });

  it("in the last third of a cycle Keystone is improving and Harper & Cole declining by ≥ 1 point (the trend threshold); the reference client holds", () => {
    for (const day of [60, 63, 75, 89]) {
      const at = anchor + day * DAY;
      expect(trend("keystone-realty-001", at), `day ${day}`).toBeGreaterThan(1);
      expect(trend("harper-cole-law-001", at), `day ${day}`).toBeLessThan(-1);
      expect(Math.abs(trend("tnt-limousine-001", at)), `day ${day}`).toBeLessThan(1);
    }
    // After the reset the two swap roles: still one improving and one declining.
    const swapped = anchor + 90 * DAY + 20 * DAY;
    expect(trend("keystone-realty-001", swapped)).toBeLessThan(-1);
    expect(trend("harper-cole-law-001", swapped)).toBeGreaterThan(1);
  });

  const tracking = system("swift-freight-001", "shipment-tracking");
  const NOW_MS = Date.UTC(2026, 11, 3, 15, 40, 0); // a Thursday afternoon

  it("Shipment Tracking stalls for the 6 hours before the caller's now while its health stays green", () => {
    expect(tracking.stall).toEqual({ hours: 6 });
    const now = new Date(NOW_MS);
    const stallFrom = NOW_MS - 6 * HOUR;
    expect(metricsFor(tracking, new Date(stallFrom), now, { now }).total_automations).toBe(0);
    expect(metricsFor(tracking, new Date(stallFrom - 15 * MINUTE), new Date(stallFrom), { now }).total_automations).toBeGreaterThan(0);
    // The period is reported as asked even though nothing ran in it.
    expect(metricsFor(tracking, new Date(stallFrom), now, { now }).period).toEqual({ start: new Date(stallFrom).toISOString(), end: now.toISOString() });
    // Before the stall the counts are the model's usual ones; without a now nothing stalls.
    const before = metricsFor(tracking, new Date(stallFrom - DAY), new Date(stallFrom), { now });
    expect(before).toEqual(metricsFor(tracking, new Date(stallFrom - DAY), new Date(stallFrom)));
    expect(metricsFor(tracking, new Date(stallFrom), now).total_automations).toBeGreaterThan(100);
    // Healthy all along.
    for (const t of minutesOf(stallFrom, 6 * 60)) expect(seedBody(tracking, t).status).toBe("healthy");
    // Other systems ignore now.
    const dispatch = system("swift-freight-001", "dispatch-optimization");
    expect(metricsFor(dispatch, new Date(stallFrom - DAY), now, { now })).toEqual(metricsFor(dispatch, new Date(stallFrom - DAY), now));
  });

  it("stays additive for any one now, across the stall's start", () => {
    const now = new Date(NOW_MS);
    const a = NOW_MS - 2 * DAY - 7 * MINUTE;
    const whole = metricsFor(tracking, new Date(a), now, { now });
    for (const b of [a + 1, NOW_MS - 6 * HOUR - 1, NOW_MS - 6 * HOUR, NOW_MS - 6 * HOUR + 29 * MINUTE, NOW_MS - 1]) {
      const left = metricsFor(tracking, new Date(a), new Date(b), { now });
      const right = metricsFor(tracking, new Date(b), now, { now });
      expect(left.total_automations + right.total_automations).toBe(whole.total_automations);
      expect(left.failed_automations + right.failed_automations).toBe(whole.failed_automations);
    }
  });

  /** What collection stores, as the stalled rule reads it: 28 days of hourly totals before now (UTC hours). */
  function hourlyHistory(s: DemoSystemProfile, now: number, nowForModel?: Date): QuietHourBucket[] {
    const out: QuietHourBucket[] = [];
    for (let t = Math.floor(now / HOUR) * HOUR - 28 * DAY; t < now; t += HOUR) {
      const end = Math.min(t + HOUR, now);
      out.push({ start: new Date(t), coveredMs: end - t, totalAutomations: metricsFor(s, new Date(t), new Date(end), { now: nowForModel }).total_automations });
    }
    return out;
  }
  /** The end of the last 15-minute pull before `now` that counted automations. */
  function lastActive(s: DemoSystemProfile, now: number, nowForModel?: Date): Date | null {
    for (let end = now; end > now - 7 * DAY; end -= 15 * MINUTE) {
      if (metricsFor(s, new Date(end - 15 * MINUTE), new Date(end), { now: nowForModel }).total_automations > 0) return new Date(end);
    }
    return null;
  }

  it("the app's stalled rule flags Shipment Tracking from the model's own history", () => {
    const now = new Date(NOW_MS);
    const v = assessStalled(
      { enabled: true, status: "healthy", cursor: now, intervalMs: 15 * MINUTE, lastActiveAt: lastActive(tracking, NOW_MS, now), history: learnQuietHistory(hourlyHistory(tracking, NOW_MS, now)) },
      now,
    );
    expect(v).toMatchObject({ state: "stalled", since: new Date(NOW_MS - 6 * HOUR), reason: expect.stringMatching(/^no automations for 6 h; usually /) });
  });

  it("and never flags a demo system that is running normally (every 2 hours over a week, nights and a weekend included)", () => {
    const flagged: string[] = [];
    for (const s of DEMO_SYSTEMS) {
      const base = hourlyHistory(s, NOW_MS + 7 * DAY);
      for (let now = NOW_MS; now < NOW_MS + 7 * DAY; now += 2 * HOUR) {
        const hours = base.filter((h) => h.start.getTime() >= now - 28 * DAY && h.start.getTime() < now);
        const v = assessStalled({ enabled: true, status: "healthy", cursor: new Date(now), intervalMs: 15 * MINUTE, lastActiveAt: lastActive(s, now), history: learnQuietHistory(hours) }, new Date(now));
        if (v.state === "stalled") flagged.push(`${s.id} at ${new Date(now).toISOString()}: ${v.reason}`);
        expect(v.state, s.id).not.toBe("not_judged");
      }
    }
    expect(flagged).toEqual([]);
  }, 60_000);
});
