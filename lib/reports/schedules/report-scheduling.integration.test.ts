// Scheduled reports end to end on both databases, on a fake clock, with a real in-process SMTP
// server (smtp-server, parsed with mailparser): the scheduler loop claims the schedule, the
// report is computed for the period before the scheduled instant and stored, its email goes
// through the alerting outbox with the PDF (rendered from the stored report) attached. Each run
// sends exactly once: at 09:00 in the client's zone across a DST change, across a worker that
// dies after its claim and before its commit, and (PostgreSQL) with three instances claiming at
// once. A failing mail server is retried and ends as a dead letter in the delivery log.
import { execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { alertDelivery } from "@/lib/alerts/delivery/delivery-worker";
import { getDelivery } from "@/lib/alerts/delivery/deliveries";
import { MAX_ATTEMPTS } from "@/lib/alerts/delivery/retry-policy";
import type { Clock } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createScheduler, type DueWorkKind } from "@/lib/monitoring/scheduler";
import { describeEachDatabase, describePostgres, postgresInstances, uniqueClientId } from "@/test/support/databases";
import { createContext } from "@/lib/context";
import type { ReportDocument } from "../contracts";
import { reportFilename } from "../filename";
import { buildReportEmail } from "./report-email";
import { updateAgencySettings } from "../branding/agency-settings";
import { png } from "@/test/support/png";
import { createReportSchedule } from "./report-schedules";
import { reportScheduling, SCHEDULE_LEASE_MS, type ScheduleRunOutcome } from "./report-scheduling";

function fakeClock(iso: string) {
  let t = Date.parse(iso);
  return { now: () => new Date(t), set: (v: string) => (t = Date.parse(v)), advance: (ms: number) => (t += ms) };
}

const savedEnv = { ...process.env };
let smtp: SMTPServer;
const mails: ParsedMail[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith("refused")) cb(Object.assign(new Error("5.1.1 no such user"), { responseCode: 550 }));
      else if (address.address.startsWith("busy")) cb(Object.assign(new Error("4.3.2 try again later"), { responseCode: 451 }));
      else cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => (mails.push(m), cb()), cb);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  Object.assign(process.env, {
    APP_URL: "https://pulse.example.com",
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}/?ignoreTLS=true`,
    ALERT_EMAIL_FROM: "Northwind Reports <reports@pulse.example.com>",
    LOG_LEVEL: "silent",
  });
  resetEnvCache();
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  process.env = savedEnv;
  resetEnvCache();
});

const mailsTo = (address: string) => mails.filter((m) => JSON.stringify(m.to).includes(address));

async function seedClient(db: Db, timeZone: string, name = "Acme Logistics") {
  const slug = uniqueClientId("rep");
  await db.client.create({ data: { clientId: slug, name, timeZone, contactEmail: null } });
  return slug;
}

async function schedule(db: Db, clock: Clock, slug: string, recipients: string[], over: { report_type?: "weekly" | "daily" | "monthly"; cron?: string } = {}) {
  const ctx = createContext({ db, actor: { type: "system", label: "test" }, scopes: ["read", "write", "admin"], clock });
  return createReportSchedule({ ctx, input: { client_id: slug, report_type: over.report_type ?? "weekly", recipients, ...(over.cron ? { cron: over.cron } : {}) } });
}

/** The loop of one server: scheduled reports and their delivery (report emails built by lib/reports). */
function server(db: Db, clock: Clock, workerId: string, runs: ScheduleRunOutcome[] = [], extra: Partial<Parameters<typeof reportScheduling>[0]> = {}) {
  const work: DueWorkKind[] = [
    reportScheduling({ workerId, onRun: (o) => runs.push(o), ...extra }) as unknown as DueWorkKind,
    alertDelivery({ workerId: `${workerId}-mail`, reportEmail: buildReportEmail, random: () => 0 }) as unknown as DueWorkKind,
  ];
  return createScheduler({ db, clock, work });
}

function expectPdf(mail: ParsedMail, doc: ReportDocument) {
  expect(mail.attachments).toHaveLength(1);
  const [pdf] = mail.attachments;
  expect(pdf!.contentType).toBe("application/pdf");
  expect(pdf!.filename).toBe(reportFilename(doc.report_metadata, "pdf"));
  expect(pdf!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
}

describeEachDatabase("scheduled reports", (get) => {
  const db = () => get().database.prisma;
  // Each test runs its own schedules on its own clock: the earlier tests' ones stay out of the way.
  beforeEach(async () => {
    await db().reportSchedule.updateMany({ data: { enabled: false } });
  });

  it("weekly at Monday 09:00 in London fires once at 09:00 local, before and after the October DST change, with the PDF attached", async () => {
    const slug = await seedClient(db(), "Europe/London");
    const to = `${slug}@acme.test`;
    const clock = fakeClock("2026-10-14T10:00:00Z");
    // White-label: the agency's name and PNG logo are frozen with the report and on its PDF and email.
    await updateAgencySettings({ ctx: get().ctx(), input: { agency_name: "Northwind Automation", accent_color: "#0f766e", logo: { type: "image/png", base64: png(120, 40).toString("base64") } } });
    const s = await schedule(db(), clock, slug, [to]);
    expect(s.next_run_at).toBe("2026-10-19T08:00:00.000Z"); // 09:00 BST
    const runs: ScheduleRunOutcome[] = [];
    const loop = server(db(), clock, "one", runs);

    clock.set("2026-10-19T07:59:59Z");
    await loop.drain();
    expect(mailsTo(to)).toHaveLength(0);
    clock.set("2026-10-19T08:00:00Z");
    await loop.drain();
    await loop.drain(); // the email is queued in the run's transaction and sent on the next round
    clock.set("2026-10-19T08:05:00Z");
    await loop.drain();
    expect(mailsTo(to)).toHaveLength(1);
    const reports = await db().report.findMany({ where: { scheduleId: s.id }, orderBy: { scheduledFor: "asc" } });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ scheduledFor: new Date("2026-10-19T08:00:00Z"), reportType: "weekly", timeZone: "Europe/London" });
    // The last complete week at 09:00 on Monday 19 October: Monday 12 to Monday 19 (local midnights, BST).
    expect(reports[0]!.periodStart).toEqual(new Date("2026-10-11T23:00:00Z"));
    expect(reports[0]!.periodEnd).toEqual(new Date("2026-10-18T23:00:00Z"));
    const doc = reports[0]!.data as unknown as ReportDocument;
    expect(doc.report_metadata.generated_by).toBe("schedule: Weekly on Monday at 09:00 (Europe/London)");
    const [mail] = mailsTo(to);
    expect(mail!.subject).toBe(`Acme Logistics — ${doc.report_metadata.period_label} weekly report`);
    expect(mail!.text).toContain(doc.executive_summary.headline);
    expect(mail!.text).toMatch(/The full report is attached as a PDF/);
    expect(mail!.html).toContain("Acme Logistics");
    expect(mail!.html).toContain("Northwind Automation");
    expectPdf(mail!, doc);
    expect(reports[0]!.branding).toMatchObject({ agency_name: "Northwind Automation", logo: { type: "image/png" } });
    // The attachment is the stored report rendered: its text carries the client, the agency and the period.
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: mail!.attachments[0]!.content, encoding: "utf8" });
    expect(text).toContain("Acme Logistics");
    expect(text).toContain("Northwind Automation");
    expect(text).toContain(doc.report_metadata.period_label);
    const after = await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } });
    expect(after).toMatchObject({ nextRunAt: new Date("2026-10-26T09:00:00Z"), lastRunAt: new Date("2026-10-19T08:00:00Z"), lockedBy: null, lastError: null });
    const note = await db().notification.findFirstOrThrow({ where: { reportId: reports[0]!.id } });
    expect(note).toMatchObject({ kind: "report", state: "delivered", attempts: 1, dedupeKey: `report:${s.id}:2026-10-19T08:00:00.000Z` });

    // After the change back to GMT: 09:00 local is 09:00 UTC, not 08:00.
    clock.set("2026-10-26T08:00:00Z");
    await loop.drain();
    expect(mailsTo(to)).toHaveLength(1);
    clock.set("2026-10-26T09:00:00Z");
    await loop.drain();
    await loop.drain();
    clock.set("2026-10-26T12:00:00Z");
    await loop.drain();
    expect(mailsTo(to)).toHaveLength(2);
    const second = await db().report.findFirstOrThrow({ where: { scheduleId: s.id, scheduledFor: new Date("2026-10-26T09:00:00Z") } });
    // That week had a 25-hour Sunday: 169 hours, from 23:00 UTC (BST midnight) to 00:00 UTC (GMT midnight).
    expect(second.periodStart).toEqual(new Date("2026-10-18T23:00:00Z"));
    expect(second.periodEnd).toEqual(new Date("2026-10-26T00:00:00Z"));
    expect(runs.map((r) => r.outcome)).toEqual(["sent", "sent"]);
    expect(await db().report.count({ where: { scheduleId: s.id } })).toBe(2);
  }, 120_000);

  it("a worker that dies after its claim and before its commit: nothing is sent until its lease ends, then exactly once", async () => {
    const slug = await seedClient(db(), "UTC", "Crash Test Ltd");
    const to = `${slug}@acme.test`;
    const clock = fakeClock("2026-11-10T00:00:00Z");
    const s = await schedule(db(), clock, slug, [to], { report_type: "daily", cron: "0 8 * * *" });
    clock.set("2026-11-10T08:00:10Z");
    // The first worker computes the report and then hangs forever (as if killed) before committing.
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((r) => (reachedCommit = r));
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const dying = reportScheduling({ workerId: "dying", afterCompute: async () => (reachedCommit(), hung) });
    const slots = { concurrency: 2, inFlightByClient: new Map<string, number>() };
    const [job] = await dying.claim(db(), clock.now(), slots);
    expect(job?.id).toBe(s.id);
    const dyingRun = dying.run(job!, { db: db(), clock, signal: new AbortController().signal });
    await atCommit;

    // A restarted server sees the run leased: nothing happens while the lease lasts…
    const runs: ScheduleRunOutcome[] = [];
    const restarted = server(db(), clock, "restarted", runs);
    await restarted.drain();
    clock.advance(SCHEDULE_LEASE_MS - 60_000);
    await restarted.drain();
    expect(runs).toHaveLength(0);
    expect(await db().report.count({ where: { scheduleId: s.id } })).toBe(0);
    // …then it does the run, once.
    clock.advance(60_001);
    await restarted.drain();
    await restarted.drain();
    expect(runs.map((r) => [r.outcome, r.scheduledFor?.toISOString()])).toEqual([["sent", "2026-11-10T08:00:00.000Z"]]);
    // The dead worker wakes up: it lost its lease, so it commits nothing.
    release();
    await dyingRun;
    await restarted.drain();
    expect(mailsTo(to)).toHaveLength(1);
    expect(await db().report.count({ where: { scheduleId: s.id } })).toBe(1);
    expect(await db().notification.count({ where: { dedupeKey: { startsWith: `report:${s.id}:` } } })).toBe(1);
    expect((await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } })).nextRunAt).toEqual(new Date("2026-11-11T08:00:00Z"));
  }, 120_000);

  it("a server down for weeks sends only the most recent missed run; a failing run is recorded and retried with backoff, never in a loop", async () => {
    const slug = await seedClient(db(), "UTC", "Sleepy GmbH");
    const to = `${slug}@acme.test`;
    const clock = fakeClock("2026-09-01T00:00:00Z");
    const s = await schedule(db(), clock, slug, [to]);
    expect(s.next_run_at).toBe("2026-09-07T09:00:00.000Z");
    clock.set("2026-09-30T12:00:00Z"); // Mondays 7, 14, 21 and 28 September passed
    const runs: ScheduleRunOutcome[] = [];
    const loop = server(db(), clock, "late", runs);
    await loop.drain();
    await loop.drain();
    expect(runs.map((r) => [r.outcome, r.scheduledFor?.toISOString(), r.skippedRuns])).toEqual([["sent", "2026-09-28T09:00:00.000Z", 3]]);
    expect(mailsTo(to)).toHaveLength(1);
    expect((await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } })).nextRunAt).toEqual(new Date("2026-10-05T09:00:00Z"));

    // A run that cannot be computed (here a report type the computation refuses, set by hand).
    await db().reportSchedule.update({ where: { id: s.id }, data: { reportType: "yearly" } });
    clock.set("2026-10-05T09:00:00Z");
    await loop.drain();
    const failed = await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } });
    expect(failed.lastError).toMatch(/report_type/);
    expect(failed.lockedBy).toBeNull();
    expect(failed.lockedUntil).toEqual(new Date("2026-10-05T09:01:00Z")); // 1 minute first
    expect(failed.nextRunAt).toEqual(new Date("2026-10-05T09:00:00Z"));
    await loop.drain();
    expect(runs.filter((r) => r.outcome === "failed")).toHaveLength(1); // not retried before its time
    clock.set("2026-10-05T09:30:00Z");
    await loop.drain();
    expect((await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } })).lockedUntil).toEqual(new Date("2026-10-05T10:00:00Z")); // backoff grows with lateness
    await db().reportSchedule.update({ where: { id: s.id }, data: { reportType: "weekly" } });
    clock.set("2026-10-05T10:00:00Z");
    await loop.drain();
    await loop.drain();
    expect(runs.at(-1)).toMatchObject({ outcome: "sent", scheduledFor: new Date("2026-10-05T09:00:00Z") });
    expect((await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } })).lastError).toBeNull();
    expect(mailsTo(to)).toHaveLength(2);
  }, 120_000);

  it("a run picked up late reports the period before its scheduled instant, not before the moment it ran", async () => {
    const slug = await seedClient(db(), "UTC", "Late Night Ltd");
    const to = `${slug}@acme.test`;
    const clock = fakeClock("2026-11-10T12:00:00Z");
    const s = await schedule(db(), clock, slug, [to], { report_type: "daily", cron: "30 23 * * *" });
    clock.set("2026-11-11T00:10:00Z"); // 40 minutes late, past midnight
    const runs: ScheduleRunOutcome[] = [];
    const loop = server(db(), clock, "late-night", runs);
    await loop.drain();
    await loop.drain();
    const report = await db().report.findFirstOrThrow({ where: { scheduleId: s.id } });
    expect(report.scheduledFor).toEqual(new Date("2026-11-10T23:30:00Z"));
    // The last complete day at 23:30 on 10 November is the 9th (the 10th was not over yet).
    expect([report.periodStart, report.periodEnd]).toEqual([new Date("2026-11-09T00:00:00Z"), new Date("2026-11-10T00:00:00Z")]);
    expect(mailsTo(to)).toHaveLength(1);
    expect((await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } })).nextRunAt).toEqual(new Date("2026-11-11T23:30:00Z"));
  }, 120_000);

  it("a mail server that keeps refusing for now: retried with backoff, then a dead letter in the delivery log; partial refusal is noted", async () => {
    const slug = await seedClient(db(), "UTC", "Busy Mail Co");
    const busy = `busy-${slug}@acme.test`;
    const clock = fakeClock("2026-11-01T00:00:00Z");
    const s = await schedule(db(), clock, slug, [busy], { report_type: "daily", cron: "0 6 * * *" });
    const loop = server(db(), clock, "busy");
    clock.set("2026-11-01T06:00:00Z");
    await loop.drain();
    // Keep the schedule itself out of the way from here: only the delivery is retried.
    await db().reportSchedule.update({ where: { id: s.id }, data: { enabled: false } });
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await loop.drain();
      clock.advance(2 * 60 * 60_000);
    }
    const note = await db().notification.findFirstOrThrow({ where: { dedupeKey: { startsWith: `report:${s.id}:` } } });
    expect(note.state).toBe("dead");
    const log = await getDelivery({ ctx: get().ctx(), input: { id: note.id } });
    expect(log).toMatchObject({ kind: "report", state: "dead", summary: "Scheduled report (PDF)" });
    expect(log.log!.length).toBeGreaterThanOrEqual(2);
    expect(log.log!.at(-1)).toMatchObject({ outcome: "dead" });
    expect(log.last_error).toMatch(/gave up after \d+ attempts: SMTP .*451/);
    expect(mailsTo(busy)).toHaveLength(0);

    // Some recipients refused: delivered to the others, and the log says how many were refused.
    const slug2 = await seedClient(db(), "UTC", "Half Right Ltd");
    const ok = `${slug2}@acme.test`;
    const s2 = await schedule(db(), clock, slug2, [ok, `refused-${slug2}@acme.test`], { report_type: "daily", cron: "0 6 * * *" });
    clock.set("2026-11-03T06:00:00Z");
    await loop.drain();
    await loop.drain();
    const n2 = await db().notification.findFirstOrThrow({ where: { dedupeKey: { startsWith: `report:${s2.id}:` } }, include: { attemptsLog: true } });
    expect(n2.state).toBe("delivered");
    expect(n2.attemptsLog[0]!.error).toBe("1 of 2 recipients refused by the mail server");
    expect(mailsTo(ok)).toHaveLength(1);
  }, 180_000);
});

describePostgres("scheduled reports, three instances on one PostgreSQL [postgres]", () => {
  const pg = postgresInstances(3);

  it("a server process killed with SIGKILL inside the run's transaction: nothing is kept, and after the lease the run is sent exactly once", async () => {
    const db = pg.instances[0]!.prisma;
    const slug = await seedClient(db, "Europe/Paris", "Killed Mid-Run SA");
    const to = `${slug}@kill.test`;
    const clock = fakeClock("2026-12-01T00:00:00Z");
    const s = await schedule(db, clock, slug, [to], { report_type: "daily", cron: "0 8 * * *" });
    expect(s.next_run_at).toBe("2026-12-01T07:00:00.000Z");
    await db.reportSchedule.updateMany({ where: { id: { not: s.id } }, data: { enabled: false } });
    clock.set("2026-12-01T07:00:05Z");
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("test/support/report-schedule-child.ts")], {
      cwd: path.resolve("."),
      env: { ...process.env, CHILD_DATABASE_URL: pg.url, CHILD_NOW: clock.now().toISOString(), LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the child never reached its commit: ${out}`)), 90_000);
      child.stdout.on("data", (d) => {
        out += String(d);
        if (out.includes("in transaction")) {
          clearTimeout(timer);
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    expect(await exited).toBe("SIGKILL");
    expect(out).toContain(`claimed ${s.id}`);
    // Its transaction died with it: no report, no email queued, the schedule still leased to it.
    expect(await db.report.count({ where: { scheduleId: s.id } })).toBe(0);
    expect(await db.notification.count({ where: { dedupeKey: { startsWith: `report:${s.id}:` } } })).toBe(0);
    const leased = await db.reportSchedule.findUniqueOrThrow({ where: { id: s.id } });
    expect(leased).toMatchObject({ lockedBy: "crashing-child", nextRunAt: new Date("2026-12-01T07:00:00Z") });

    const runs: ScheduleRunOutcome[] = [];
    const restarted = server(db, clock, "after-kill", runs);
    await restarted.drain();
    expect(runs).toHaveLength(0);
    clock.set(new Date(leased.lockedUntil!.getTime() + 1).toISOString());
    await restarted.drain();
    await restarted.drain();
    expect(runs.map((r) => [r.outcome, r.scheduledFor?.toISOString()])).toEqual([["sent", "2026-12-01T07:00:00.000Z"]]);
    expect(mailsTo(to)).toHaveLength(1);
    expect(await db.report.count({ where: { scheduleId: s.id } })).toBe(1);
  }, 180_000);

  it("three servers claiming at the same moments send each run exactly once", async () => {
    const [first] = pg.instances;
    const db = first!.prisma;
    await db.reportSchedule.updateMany({ data: { enabled: false } });
    const clock = fakeClock("2026-11-20T00:00:00Z");
    const schedules: { id: string; to: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const slug = await seedClient(db, i % 2 ? "Europe/Berlin" : "America/New_York", `Client ${i}`);
      const to = `${slug}@multi.test`;
      schedules.push({ id: (await schedule(db, clock, slug, [to], { report_type: "daily", cron: "0 7 * * *" })).id, to });
    }
    const runs: ScheduleRunOutcome[] = [];
    const servers = pg.instances.map((d, i) => server(d.prisma, clock, `instance-${i}`, runs));
    for (const day of ["2026-11-21", "2026-11-22"]) {
      clock.set(`${day}T13:00:00Z`); // after 07:00 in both zones
      for (let round = 0; round < 6; round++) {
        const started = await Promise.all(servers.map((s) => s.runOnce()));
        await Promise.all(started.flat());
      }
    }
    for (const { id, to } of schedules) {
      expect(mailsTo(to), to).toHaveLength(2);
      expect(await db.report.count({ where: { scheduleId: id } })).toBe(2);
    }
    expect(runs.filter((r) => r.outcome === "sent")).toHaveLength(12);
    expect(runs.filter((r) => r.outcome !== "sent")).toHaveLength(0);
    expect(new Set(runs.map((r) => `${r.scheduleId}:${r.scheduledFor?.toISOString()}`)).size).toBe(12);
  }, 240_000);
});
