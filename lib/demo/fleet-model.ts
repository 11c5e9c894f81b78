// The demo fleet: simulated automation systems of six fictional clients, as a PURE function of
// (system profile, time). No I/O, no Math.random: every bit of noise comes from a small integer
// hash of the system's id and a time bucket, so the same instant always gives the same answer,
// two server processes agree, and tests can assert exact values.
//
// Served by app/api/demo/fleet/** (same process, same port) and registered by
// lib/demo/load-demo-workspace.ts, so a first run has live, varied data to show.
//
// Scripted behaviours (all windows in UTC minutes unless noted):
//   BrightSmile Dental  Insurance Verification  reports "degraded" (4/5 endpoints) at minutes 15-29 of every hour
//                       Patient Intake          answers slowly (2.2-2.9 s) at minutes 40-49 of every hour
//   Northwind Outfitters Abandoned Cart Recovery flaps: 5 min healthy, 3 min reported "down" (HTTP 200), repeat
//   Swift Freight       Invoice Processing      20-minute outage every 3 h (01:40-02:00, 04:40-05:00, …): HTTP 503, status "down"
//   Keystone Realty     Listing Syndication     IETF health+json; "warn" for 15 min every 4 h (00:30-00:45, 04:30-04:45, …)
//   Harper & Cole       Document Assembly       Spring Actuator; OUT_OF_SERVICE (HTTP 503) Sundays 02:00-02:30 local time
//                       (whole client)          success rate declines ~9 points over each 90-day cycle (trending worse)
//   Keystone Realty     (whole client)          success rate climbs ~9 points over the same 90-day cycles (trending better)
//   Swift Freight       Shipment Tracking       STALLED while healthy: its /health stays green, but no automation
//                                               ran in the 6 hours before the caller's "now" (see metricsFor)
//   TNT Limousine       (all)                   healthy: the reference client
//
// The business story (issue #10): one client improving (Keystone), one declining (Harper &
// Cole) — in the last third of each cycle, where the demo's dates are; for the rest of a cycle,
// after the reset, the two swap — and one system stalled while healthy (Swift Freight's
// Shipment Tracking). The trends are periodic in time; the stall is relative to the "now" the
// caller passes, so collection (each pull asks up to now) finds it silent from then on: the
// stall began 6 h before the demo was loaded (the load writes the history up to then with its
// own "now", backfill-demo-metrics.ts) and lasts, as a real stalled system would.

// ---- profiles --------------------------------------------------------------------------

type HealthFormat = "seed" | "ietf" | "actuator";

/** What a system does besides being healthy with latency noise. */
type Incident =
  /** Reports `status: "degraded"` with fewer healthy endpoints during [fromMinute, toMinute) of every hour. */
  | { kind: "degraded-window"; fromMinute: number; toMinute: number; endpointsHealthy: number; note: string }
  /** Answers slowly (but reports healthy) during [fromMinute, toMinute) of every hour. */
  | { kind: "slow-window"; fromMinute: number; toMinute: number; latencyMs: [number, number] }
  /** Alternates: `upMinutes` healthy, then `downMinutes` reported down (HTTP 200, body says down). */
  | { kind: "flapping"; upMinutes: number; downMinutes: number; note: string }
  /** Hard outage: HTTP 503 + `status: "down"` for `durationMinutes` every `everyMinutes`, starting at `offsetMinutes`. */
  | { kind: "outage"; everyMinutes: number; offsetMinutes: number; durationMinutes: number; note: string }
  /** IETF health+json `warn` for `durationMinutes` every `everyMinutes`, starting at `offsetMinutes`. */
  | { kind: "warn-window"; everyMinutes: number; offsetMinutes: number; durationMinutes: number; note: string }
  /** Spring Actuator OUT_OF_SERVICE (HTTP 503) weekly, local time: `weekday` 0 = Sunday. */
  | { kind: "maintenance"; weekday: number; fromHour: number; durationMinutes: number };

interface DemoSystemSpec {
  name: string;
  format: HealthFormat;
  version: string;
  /** Seed shape: how many downstream endpoints the system checks itself. */
  endpointsChecked: number;
  /** Normal latency range in ms. */
  latencyMs: [number, number];
  /** Reported uptime before scripted downtime, in %. */
  baseUptime: number;
  /** Automations on an average weekday. */
  dailyVolume: number;
  /** Saturday volume relative to a weekday (Sunday is 85 % of Saturday); always below 1. */
  weekendFactor: number;
  /** Base success rate in % (before a client's decline). */
  successRate: number;
  secondsPerRun: number;
  /** Human minutes saved by each successful run. */
  minutesSavedPerRun: number;
  /** Money saved by each successful run, in cents (integer, so sums are exact). */
  savingsCentsPerRun: number;
  /** Share of manual process steps removed, in % (scaled by the success ratio). */
  processImprovement: number;
  incident?: Incident;
  /**
   * Stalled while healthy: no automation runs during the `hours` before the caller's "now"
   * (metricsFor's `now` option), while /health stays green. Without a "now" nothing stalls.
   */
  stall?: { hours: number };
}

interface DemoClientSpec {
  clientId: string;
  name: string;
  industry: string;
  contactEmail: string;
  /** Fixed offset of the client's business hours from UTC (no DST: a demo needs no calendar). */
  utcOffsetHours: number;
  slaTarget?: number;
  /** Success rate falls by `dropPoints` linearly over each `cycleDays` cycle, then a fix restores it. */
  successDecline?: { cycleDays: number; dropPoints: number; cycleAnchor: string };
  /** Success rate climbs by `gainPoints` linearly over each `cycleDays` cycle up to the base rate, then a regression resets it. */
  successImprovement?: { cycleDays: number; gainPoints: number; cycleAnchor: string };
  systems: DemoSystemSpec[];
}

export interface DemoSystemProfile extends DemoSystemSpec {
  /** `client_id/system-slug`, also the hash seed. */
  id: string;
  slug: string;
  clientId: string;
  clientName: string;
  utcOffsetHours: number;
  successDecline?: DemoClientSpec["successDecline"];
  successImprovement?: DemoClientSpec["successImprovement"];
  seed: number;
}

export interface DemoClientProfile extends Omit<DemoClientSpec, "systems"> {
  systems: DemoSystemProfile[];
}

/** "Lead Processing" → "lead-processing": the `[system]` segment of the fleet routes. */
export function systemSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const CLIENT_SPECS: DemoClientSpec[] = [
  {
    clientId: "tnt-limousine-001",
    name: "TNT Limousine",
    industry: "Transportation",
    contactEmail: "ops@tntlimousine.example",
    utcOffsetHours: -5,
    systems: [
      { name: "Lead Processing", format: "seed", version: "2.3.1", endpointsChecked: 5, latencyMs: [140, 320], baseUptime: 99.96, dailyVolume: 60, weekendFactor: 0.7, successRate: 97.8, secondsPerRun: 2.4, minutesSavedPerRun: 12, savingsCentsPerRun: 650, processImprovement: 46 },
      { name: "Booking Management", format: "seed", version: "1.8.0", endpointsChecked: 6, latencyMs: [180, 380], baseUptime: 99.93, dailyVolume: 45, weekendFactor: 0.85, successRate: 98.9, secondsPerRun: 3.1, minutesSavedPerRun: 18, savingsCentsPerRun: 975, processImprovement: 52 },
      { name: "Customer Communication", format: "seed", version: "3.0.2", endpointsChecked: 4, latencyMs: [120, 260], baseUptime: 99.98, dailyVolume: 140, weekendFactor: 0.75, successRate: 99.4, secondsPerRun: 0.9, minutesSavedPerRun: 4, savingsCentsPerRun: 185, processImprovement: 38 },
    ],
  },
  {
    clientId: "brightsmile-dental-001",
    name: "BrightSmile Dental Group",
    industry: "Healthcare",
    contactEmail: "practice.manager@brightsmile.example",
    utcOffsetHours: -6,
    systems: [
      { name: "Appointment Reminders", format: "seed", version: "2.1.0", endpointsChecked: 3, latencyMs: [130, 280], baseUptime: 99.97, dailyVolume: 220, weekendFactor: 0.35, successRate: 99.5, secondsPerRun: 0.6, minutesSavedPerRun: 3, savingsCentsPerRun: 120, processImprovement: 41 },
      {
        name: "Patient Intake", format: "seed", version: "1.4.2", endpointsChecked: 5, latencyMs: [200, 400], baseUptime: 99.9, dailyVolume: 70, weekendFactor: 0.3, successRate: 96.5, secondsPerRun: 4.2, minutesSavedPerRun: 15, savingsCentsPerRun: 780, processImprovement: 44,
        incident: { kind: "slow-window", fromMinute: 40, toMinute: 50, latencyMs: [2200, 2900] },
      },
      {
        name: "Insurance Verification", format: "seed", version: "1.1.7", endpointsChecked: 5, latencyMs: [250, 400], baseUptime: 99.85, dailyVolume: 55, weekendFactor: 0.25, successRate: 94.2, secondsPerRun: 5.8, minutesSavedPerRun: 22, savingsCentsPerRun: 1140, processImprovement: 57,
        incident: { kind: "degraded-window", fromMinute: 15, toMinute: 30, endpointsHealthy: 4, note: "clearinghouse eligibility API not responding" },
      },
      { name: "Review Requests", format: "seed", version: "1.0.4", endpointsChecked: 2, latencyMs: [150, 300], baseUptime: 99.95, dailyVolume: 40, weekendFactor: 0.5, successRate: 99.1, secondsPerRun: 0.8, minutesSavedPerRun: 5, savingsCentsPerRun: 210, processImprovement: 35 },
    ],
  },
  {
    clientId: "northwind-outfitters-001",
    name: "Northwind Outfitters",
    industry: "E-commerce",
    contactEmail: "tech@northwind-outfitters.example",
    utcOffsetHours: -8,
    systems: [
      { name: "Order Sync", format: "seed", version: "4.2.0", endpointsChecked: 6, latencyMs: [120, 300], baseUptime: 99.97, dailyVolume: 620, weekendFactor: 0.9, successRate: 99.3, secondsPerRun: 1.2, minutesSavedPerRun: 3, savingsCentsPerRun: 110, processImprovement: 49 },
      { name: "Inventory Alerts", format: "seed", version: "2.0.5", endpointsChecked: 4, latencyMs: [130, 260], baseUptime: 99.95, dailyVolume: 180, weekendFactor: 0.8, successRate: 98.6, secondsPerRun: 0.7, minutesSavedPerRun: 2, savingsCentsPerRun: 75, processImprovement: 33 },
      {
        name: "Abandoned Cart Recovery", format: "seed", version: "1.6.3", endpointsChecked: 3, latencyMs: [150, 350], baseUptime: 99.9, dailyVolume: 260, weekendFactor: 0.92, successRate: 95.4, secondsPerRun: 1.8, minutesSavedPerRun: 6, savingsCentsPerRun: 340, processImprovement: 29,
        incident: { kind: "flapping", upMinutes: 5, downMinutes: 3, note: "email provider connection pool exhausted" },
      },
    ],
  },
  {
    clientId: "harper-cole-law-001",
    name: "Harper & Cole LLP",
    industry: "Legal",
    contactEmail: "it@harpercole.example",
    utcOffsetHours: -5,
    slaTarget: 99.9,
    successDecline: { cycleDays: 90, dropPoints: 9, cycleAnchor: "2026-10-01T00:00:00Z" },
    systems: [
      { name: "Client Intake", format: "seed", version: "2.0.1", endpointsChecked: 4, latencyMs: [160, 340], baseUptime: 99.94, dailyVolume: 35, weekendFactor: 0.2, successRate: 98, secondsPerRun: 3.5, minutesSavedPerRun: 25, savingsCentsPerRun: 1400, processImprovement: 48 },
      {
        name: "Document Assembly", format: "actuator", version: "3.2.0", endpointsChecked: 3, latencyMs: [220, 400], baseUptime: 99.9, dailyVolume: 28, weekendFactor: 0.15, successRate: 97.5, secondsPerRun: 8.4, minutesSavedPerRun: 45, savingsCentsPerRun: 2750, processImprovement: 61,
        incident: { kind: "maintenance", weekday: 0, fromHour: 2, durationMinutes: 30 },
      },
    ],
  },
  {
    clientId: "swift-freight-001",
    name: "Swift Freight Logistics",
    industry: "Logistics",
    contactEmail: "dispatch-systems@swiftfreight.example",
    utcOffsetHours: -6,
    systems: [
      { name: "Shipment Tracking", format: "seed", version: "5.1.0", endpointsChecked: 8, latencyMs: [120, 280], baseUptime: 99.98, dailyVolume: 900, weekendFactor: 0.55, successRate: 99.5, secondsPerRun: 0.4, minutesSavedPerRun: 1.5, savingsCentsPerRun: 45, processImprovement: 37, stall: { hours: 6 } },
      { name: "Dispatch Optimization", format: "seed", version: "2.4.0", endpointsChecked: 5, latencyMs: [250, 400], baseUptime: 99.92, dailyVolume: 120, weekendFactor: 0.4, successRate: 98.2, secondsPerRun: 6.5, minutesSavedPerRun: 10, savingsCentsPerRun: 520, processImprovement: 54 },
      {
        name: "Invoice Processing", format: "seed", version: "3.3.1", endpointsChecked: 4, latencyMs: [180, 360], baseUptime: 99.9, dailyVolume: 95, weekendFactor: 0.2, successRate: 97, secondsPerRun: 3.8, minutesSavedPerRun: 14, savingsCentsPerRun: 890, processImprovement: 43,
        incident: { kind: "outage", everyMinutes: 180, offsetMinutes: 100, durationMinutes: 20, note: "accounting database connection refused" },
      },
    ],
  },
  {
    clientId: "keystone-realty-001",
    name: "Keystone Realty Group",
    industry: "Real Estate",
    contactEmail: "operations@keystonerealty.example",
    utcOffsetHours: -7,
    successImprovement: { cycleDays: 90, gainPoints: 9, cycleAnchor: "2026-10-01T00:00:00Z" },
    systems: [
      { name: "Lead Routing", format: "seed", version: "1.9.2", endpointsChecked: 3, latencyMs: [130, 290], baseUptime: 99.95, dailyVolume: 85, weekendFactor: 0.9, successRate: 99, secondsPerRun: 1.1, minutesSavedPerRun: 8, savingsCentsPerRun: 460, processImprovement: 42 },
      {
        name: "Listing Syndication", format: "ietf", version: "2.7.0", endpointsChecked: 4, latencyMs: [170, 360], baseUptime: 99.93, dailyVolume: 48, weekendFactor: 0.6, successRate: 98.4, secondsPerRun: 9.5, minutesSavedPerRun: 30, savingsCentsPerRun: 1200, processImprovement: 58,
        incident: { kind: "warn-window", everyMinutes: 240, offsetMinutes: 30, durationMinutes: 15, note: "MLS feed lagging behind" },
      },
      { name: "Showing Scheduler", format: "seed", version: "1.3.0", endpointsChecked: 3, latencyMs: [140, 300], baseUptime: 99.96, dailyVolume: 60, weekendFactor: 0.9, successRate: 98.8, secondsPerRun: 1.6, minutesSavedPerRun: 9, savingsCentsPerRun: 380, processImprovement: 39 },
    ],
  },
];

/** The six demo clients with their systems, resolved (slugs, ids, hash seeds). */
export const DEMO_CLIENTS: readonly DemoClientProfile[] = CLIENT_SPECS.map((client) => {
  const { systems, ...rest } = client;
  return {
    ...rest,
    systems: systems.map((spec) => {
      const slug = systemSlug(spec.name);
      const id = `${client.clientId}/${slug}`;
      return {
        ...spec,
        id,
        slug,
        clientId: client.clientId,
        clientName: client.name,
        utcOffsetHours: client.utcOffsetHours,
        successDecline: client.successDecline,
        successImprovement: client.successImprovement,
        seed: hashString(id),
      };
    }),
  };
});

/** Every demo system, flat. */
export const DEMO_SYSTEMS: readonly DemoSystemProfile[] = DEMO_CLIENTS.flatMap((c) => c.systems);

export function findDemoSystem(clientId: string, slug: string): DemoSystemProfile | undefined {
  return DEMO_SYSTEMS.find((s) => s.clientId === clientId && s.slug === slug);
}

// ---- deterministic noise ---------------------------------------------------------------

/** FNV-1a, 32 bit. */
function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) fixed by (seed, time bucket, purpose). */
function unit(seed: number, bucket: number, salt: number): number {
  const low = bucket % 4294967296;
  const high = Math.floor(bucket / 4294967296);
  let h = fmix32(seed ^ Math.imul(salt + 1, 0x9e3779b1));
  h = fmix32(h ^ (low >>> 0));
  h = fmix32(h ^ (high >>> 0) ^ 0x27d4eb2d);
  return h / 4294967296;
}

const SALT = { latency: 1, uptime: 2, volume: 3, volumeRound: 4, success: 5, failRound: 6, speed: 7, lag: 8 } as const;

// ---- time helpers ----------------------------------------------------------------------

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The longest period metricsFor answers; longer requests are cut to the last 366 days. */
export const MAX_METRICS_PERIOD_MS = 366 * DAY_MS;

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function requireTime(at: Date, what: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date`);
  return ms;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---- health ----------------------------------------------------------------------------

export interface SeedHealthBody {
  status: "healthy" | "degraded" | "down";
  timestamp: string;
  uptime_percentage: number;
  endpoints_checked: number;
  endpoints_healthy: number;
  response_time_ms: number;
  system_info: { version: string; environment: string };
  /** Only when not healthy: what the system says is wrong. */
  message?: string;
}

/** IETF draft "Health Check Response Format for HTTP APIs" (application/health+json). */
interface IetfHealthBody {
  status: "pass" | "warn" | "fail";
  version: string;
  releaseId: string;
  serviceId: string;
  description: string;
  output?: string;
  checks: Record<string, Array<{ componentType: string; observedValue: number; observedUnit: string; status: "pass" | "warn" | "fail"; time: string }>>;
}

/** Spring Boot Actuator `/actuator/health` with component details. */
interface ActuatorHealthBody {
  status: "UP" | "DOWN" | "OUT_OF_SERVICE" | "UNKNOWN";
  components: Record<string, { status: string; details?: Record<string, unknown> }>;
}

type HealthBody = SeedHealthBody | IetfHealthBody | ActuatorHealthBody;

export interface SimulatedHealth {
  httpStatus: number;
  /** How long the endpoint takes to answer, in ms (the fleet route really waits this long, capped at 3 s). */
  latencyMs: number;
  contentType: string;
  body: HealthBody;
}

type Phase =
  | { kind: "normal" }
  | { kind: "degraded"; endpointsHealthy: number; note: string }
  | { kind: "slow"; latencyMs: [number, number] }
  | { kind: "down"; hard: boolean; note: string }
  | { kind: "warn"; note: string }
  | { kind: "maintenance" };

function inCycle(minute: number, everyMinutes: number, offsetMinutes: number, durationMinutes: number): boolean {
  return mod(minute - offsetMinutes, everyMinutes) < durationMinutes;
}

function phaseAt(system: DemoSystemProfile, ms: number): Phase {
  const incident = system.incident;
  if (!incident) return { kind: "normal" };
  const minute = Math.floor(ms / MINUTE_MS);
  const minuteOfHour = mod(minute, 60);
  switch (incident.kind) {
    case "degraded-window":
      return minuteOfHour >= incident.fromMinute && minuteOfHour < incident.toMinute
        ? { kind: "degraded", endpointsHealthy: incident.endpointsHealthy, note: incident.note }
        : { kind: "normal" };
    case "slow-window":
      return minuteOfHour >= incident.fromMinute && minuteOfHour < incident.toMinute ? { kind: "slow", latencyMs: incident.latencyMs } : { kind: "normal" };
    case "flapping":
      return mod(minute, incident.upMinutes + incident.downMinutes) >= incident.upMinutes ? { kind: "down", hard: false, note: incident.note } : { kind: "normal" };
    case "outage":
      return inCycle(minute, incident.everyMinutes, incident.offsetMinutes, incident.durationMinutes) ? { kind: "down", hard: true, note: incident.note } : { kind: "normal" };
    case "warn-window":
      return inCycle(minute, incident.everyMinutes, incident.offsetMinutes, incident.durationMinutes) ? { kind: "warn", note: incident.note } : { kind: "normal" };
    case "maintenance": {
      const local = new Date(ms + system.utcOffsetHours * HOUR_MS);
      const minuteOfWeek = local.getUTCDay() * 1440 + local.getUTCHours() * 60 + local.getUTCMinutes();
      const from = incident.weekday * 1440 + incident.fromHour * 60;
      return minuteOfWeek >= from && minuteOfWeek < from + incident.durationMinutes ? { kind: "maintenance" } : { kind: "normal" };
    }
  }
}

/** Share of the time the script keeps the system down (what its self-reported uptime reflects). */
function scriptedDownShare(incident: Incident | undefined): number {
  if (!incident) return 0;
  switch (incident.kind) {
    case "flapping":
      return incident.downMinutes / (incident.upMinutes + incident.downMinutes);
    case "outage":
      return incident.durationMinutes / incident.everyMinutes;
    case "maintenance":
      return incident.durationMinutes / (7 * 1440);
    default:
      return 0;
  }
}

function reportedUptime(system: DemoSystemProfile, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const value = system.baseUptime * (1 - scriptedDownShare(system.incident)) - 0.05 * unit(system.seed, day, SALT.uptime);
  return round(value, 2);
}

/** The system's answer to `GET /health` at instant `at`: same instant, same answer. */
export function healthAt(system: DemoSystemProfile, at: Date): SimulatedHealth {
  const ms = requireTime(at, "at");
  const minute = Math.floor(ms / MINUTE_MS);
  const phase = phaseAt(system, ms);
  const u = unit(system.seed, minute, SALT.latency);
  const [lo, hi] = phase.kind === "slow" ? phase.latencyMs : phase.kind === "down" && phase.hard ? [25, 80] : system.latencyMs;
  const latencyMs = round(lo + (hi - lo) * u, 1);
  const timestamp = new Date(ms).toISOString();

  if (system.format === "ietf") return ietfHealth(system, phase, ms, latencyMs, timestamp);
  if (system.format === "actuator") return actuatorHealth(system, phase, latencyMs);

  const down = phase.kind === "down";
  const degraded = phase.kind === "degraded";
  const body: SeedHealthBody = {
    status: down ? "down" : degraded ? "degraded" : "healthy",
    timestamp,
    uptime_percentage: reportedUptime(system, ms),
    endpoints_checked: system.endpointsChecked,
    endpoints_healthy: down ? 0 : degraded ? phase.endpointsHealthy : system.endpointsChecked,
    response_time_ms: latencyMs,
    system_info: { version: system.version, environment: "production" },
    ...(down || degraded ? { message: phase.note } : {}),
  };
  return { httpStatus: down && phase.hard ? 503 : 200, latencyMs, contentType: "application/json", body };
}

function ietfHealth(system: DemoSystemProfile, phase: Phase, ms: number, latencyMs: number, time: string): SimulatedHealth {
  const status: IetfHealthBody["status"] = phase.kind === "down" ? "fail" : phase.kind === "warn" ? "warn" : "pass";
  const minute = Math.floor(ms / MINUTE_MS);
  const lagSeconds = status === "warn" ? 600 + Math.round(600 * unit(system.seed, minute, SALT.lag)) : 20 + Math.round(70 * unit(system.seed, minute, SALT.lag));
  const body: IetfHealthBody = {
    status,
    version: system.version.split(".")[0],
    releaseId: system.version,
    serviceId: system.id,
    description: `${system.clientName} — ${system.name}`,
    ...(phase.kind === "warn" || phase.kind === "down" ? { output: `${phase.note} (${Math.round(lagSeconds / 60)} min)` } : {}),
    checks: {
      "mls-feed:lag": [{ componentType: "component", observedValue: lagSeconds, observedUnit: "s", status: status === "warn" ? "warn" : "pass", time }],
      "api:responseTime": [{ componentType: "system", observedValue: latencyMs, observedUnit: "ms", status: "pass", time }],
    },
  };
  return { httpStatus: status === "fail" ? 503 : 200, latencyMs, contentType: "application/health+json", body };
}

function actuatorHealth(system: DemoSystemProfile, phase: Phase, latencyMs: number): SimulatedHealth {
  const outOfService = phase.kind === "maintenance";
  const down = phase.kind === "down";
  const status: ActuatorHealthBody["status"] = outOfService ? "OUT_OF_SERVICE" : down ? "DOWN" : "UP";
  const body: ActuatorHealthBody = {
    status,
    components: {
      db: { status: down ? "DOWN" : "UP", details: { database: "PostgreSQL", validationQuery: "isValid()" } },
      diskSpace: { status: "UP", details: { total: 107_374_182_400, free: 61_203_283_968, threshold: 10_485_760, path: "/srv/document-assembly/.", exists: true } },
      documentQueue: { status: outOfService ? "OUT_OF_SERVICE" : down ? "DOWN" : "UP", details: { pending: outOfService ? 0 : 3, version: system.version } },
      ping: { status: "UP" },
    },
  };
  // Spring maps DOWN and OUT_OF_SERVICE to 503 by default.
  return { httpStatus: status === "UP" ? 200 : 503, latencyMs, contentType: "application/vnd.spring-boot.actuator.v3+json", body };
}

// ---- metrics ---------------------------------------------------------------------------

export interface MetricsBody {
  period: { start: string; end: string };
  total_automations: number;
  successful_automations: number;
  failed_automations: number;
  /** Seconds. */
  total_processing_time: number;
  cost_savings: number;
  efficiency_gains: { time_saved_hours: number; error_reduction_percentage: number; process_improvement: number };
}

/** Relative busyness of each local hour: quiet nights, busy business hours, a lunch dip. */
const HOUR_WEIGHTS = [0.25, 0.2, 0.15, 0.15, 0.2, 0.35, 0.6, 1.0, 1.5, 1.8, 1.9, 1.9, 1.6, 1.8, 1.9, 1.85, 1.7, 1.4, 1.0, 0.8, 0.65, 0.55, 0.45, 0.35];
const HOUR_WEIGHT_SUM = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
/** By local weekday, 0 = Sunday; weekend entries are multiplied by the system's weekendFactor. */
const WEEKDAY_WEIGHTS = [0.85, 1.05, 1.0, 1.0, 1.0, 0.95, 1.0];
/** Error rate of the manual process the automations replaced, for error_reduction_percentage. */
const MANUAL_ERROR_RATE = 0.18;
/** Share of the runs inside a hard-down window that fail (the rest queue and succeed on retry). */
const FAILURE_SHARE_WHILE_DOWN = 0.4;

interface HourBucket {
  runs: number;
  failed: number;
  msPerRun: number;
}

function successRateAt(system: DemoSystemProfile, hourStartMs: number): number {
  let rate = system.successRate;
  const decline = system.successDecline;
  if (decline) {
    const cycleMs = decline.cycleDays * DAY_MS;
    const phase = mod(hourStartMs - Date.parse(decline.cycleAnchor), cycleMs) / cycleMs;
    rate -= decline.dropPoints * phase;
  }
  const improvement = system.successImprovement;
  if (improvement) {
    const cycleMs = improvement.cycleDays * DAY_MS;
    const phase = mod(hourStartMs - Date.parse(improvement.cycleAnchor), cycleMs) / cycleMs;
    rate -= improvement.gainPoints * (1 - phase);
  }
  return rate;
}

/** Minutes of hard downtime (HTTP 5xx) inside the hour starting at `hourStartMs`. */
function hardDownMinutes(system: DemoSystemProfile, hourStartMs: number): number {
  const kind = system.incident?.kind;
  if (kind !== "outage" && kind !== "maintenance") return 0;
  let minutes = 0;
  for (let m = 0; m < 60; m++) {
    const phase = phaseAt(system, hourStartMs + m * MINUTE_MS);
    if ((phase.kind === "down" && phase.hard) || phase.kind === "maintenance") minutes++;
  }
  return minutes;
}

function hourBucket(system: DemoSystemProfile, hour: number): HourBucket {
  const startMs = hour * HOUR_MS;
  const local = new Date(startMs + system.utcOffsetHours * HOUR_MS);
  const weekday = local.getUTCDay();
  const dayWeight = WEEKDAY_WEIGHTS[weekday] * (weekday === 0 || weekday === 6 ? system.weekendFactor : 1);
  const expected = system.dailyVolume * (HOUR_WEIGHTS[local.getUTCHours()] / HOUR_WEIGHT_SUM) * dayWeight * (0.85 + 0.3 * unit(system.seed, hour, SALT.volume));
  // Stochastic rounding by hash keeps the expected volume right for low-volume systems.
  const runs = Math.floor(expected + unit(system.seed, hour, SALT.volumeRound));

  const downShare = hardDownMinutes(system, startMs) / 60;
  const rate = successRateAt(system, startMs) + (unit(system.seed, hour, SALT.success) - 0.5) * 1.5;
  const failRate = Math.min(1, Math.max(0, (100 - rate) / 100));
  const failShare = downShare * FAILURE_SHARE_WHILE_DOWN + (1 - downShare) * failRate;
  const failed = Math.min(runs, Math.floor(runs * failShare + unit(system.seed, hour, SALT.failRound)));

  const msPerRun = Math.round(system.secondsPerRun * 1000 * (0.85 + 0.3 * unit(system.seed, hour, SALT.speed)));
  return { runs, failed, msPerRun };
}

/**
 * The runs of an hour happen at evenly spaced instants (k - 0.5) / runs, k = 1…runs, and the
 * failed ones are spread evenly among them. Counting instants (never prorating) makes every
 * count an integer AND exactly additive: metrics for [a, c) = [a, b) + [b, c).
 */
function runsBefore(runs: number, fraction: number): number {
  if (fraction <= 0) return 0;
  if (fraction >= 1) return runs;
  return Math.min(runs, Math.max(0, Math.ceil(fraction * runs + 0.5) - 1));
}

function failedAmongFirst(k: number, bucket: HourBucket): number {
  return bucket.runs === 0 ? 0 : Math.floor((k * bucket.failed) / bucket.runs);
}

/**
 * The system's answer to `GET /metrics?start_date&end_date` for the half-open period
 * [start, end), summed from hourly buckets. Periods longer than 366 days are cut to their
 * last 366 days (the returned `period.start` says so); an empty or reversed period is all zeros.
 * `now` (the fleet route passes its clock) lets a stalled system be silent in the hours before
 * it; for any one `now` the answer stays additive over the period.
 */
export function metricsFor(system: DemoSystemProfile, start: Date, end: Date, opts: { now?: Date } = {}): MetricsBody {
  const endMs = requireTime(end, "end");
  const startMs = Math.max(requireTime(start, "start"), endMs - MAX_METRICS_PERIOD_MS);
  // Runs are counted only before the stall began (the period itself is reported as asked).
  const stallFrom = system.stall && opts.now ? requireTime(opts.now, "now") - system.stall.hours * HOUR_MS : Infinity;
  const countEndMs = Math.max(startMs, Math.min(endMs, stallFrom));

  let runs = 0;
  let failed = 0;
  let processingMs = 0;
  if (countEndMs > startMs) {
    const lastHour = Math.floor((countEndMs - 1) / HOUR_MS);
    for (let hour = Math.floor(startMs / HOUR_MS); hour <= lastHour; hour++) {
      const bucket = hourBucket(system, hour);
      if (bucket.runs === 0) continue;
      const hourStart = hour * HOUR_MS;
      const from = runsBefore(bucket.runs, (startMs - hourStart) / HOUR_MS);
      const to = runsBefore(bucket.runs, (countEndMs - hourStart) / HOUR_MS);
      runs += to - from;
      failed += failedAmongFirst(to, bucket) - failedAmongFirst(from, bucket);
      processingMs += (to - from) * bucket.msPerRun;
    }
  }
  const successful = runs - failed;
  const failureRate = runs ? failed / runs : 0;
  return {
    period: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() },
    total_automations: runs,
    successful_automations: successful,
    failed_automations: failed,
    total_processing_time: round(processingMs / 1000, 1),
    cost_savings: round((successful * system.savingsCentsPerRun) / 100, 2),
    efficiency_gains: {
      time_saved_hours: round((successful * system.minutesSavedPerRun) / 60, 1),
      error_reduction_percentage: runs ? round(Math.max(0, 1 - failureRate / MANUAL_ERROR_RATE) * 100, 1) : 0,
      process_improvement: runs ? round(system.processImprovement * (successful / runs), 1) : 0,
    },
  };
}
