// Report schedule and agency settings verbs on both databases: defaults (cron per type, the
// client's contact email), next_run_at in the client's zone, the recipients channel written and
// deleted with the schedule, precise field errors for bad input, the client scope, scopes and audit.
import { expect, it } from "vitest";
import { AppError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { resetEnvCache } from "@/lib/env";
import { untrusted } from "@/lib/input";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { DEFAULT_BRANDING, getAgencySettings, loadBranding, updateAgencySettings } from "../branding/agency-settings";
import { png } from "@/test/support/png";
import { logoFromFile } from "../branding/logo-from-file";
import { createReportSchedule, deleteReportSchedule, getReportSchedule, listReportSchedules, updateReportSchedule } from "./report-schedules";

const fixedClock = (iso: string) => ({ now: () => new Date(iso) });

async function issuesOf(p: Promise<unknown>): Promise<{ status: number; issues: { path: string; message: string }[] }> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, issues: error.issues ?? [] };
    throw error;
  }
  throw new Error("expected a failure");
}

describeEachDatabase("report schedules", (get) => {
  const db = () => get().database.prisma;
  async function client(over: { timeZone?: string; contactEmail?: string | null; name?: string } = {}) {
    const slug = uniqueClientId("sched");
    await db().client.create({ data: { clientId: slug, name: over.name ?? "Acme Logistics", timeZone: over.timeZone ?? "Europe/London", contactEmail: over.contactEmail === undefined ? "ops@acme.test" : over.contactEmail } });
    return slug;
  }

  it("create with defaults: the type's cron, the client's contact email, next run in the client's zone, a report channel", async () => {
    const slug = await client();
    const ctx = get().ctx({ clock: fixedClock("2026-10-21T10:00:00Z") });
    const s = await createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly" } });
    expect(s).toMatchObject({
      client_id: slug,
      client_name: "Acme Logistics",
      report_type: "weekly",
      cron: "0 9 * * 1",
      description: "Weekly on Monday at 09:00 (Europe/London)",
      time_zone: "Europe/London",
      include_recommendations: true,
      recipients: ["ops@acme.test"],
      enabled: true,
      // Monday 26 October is after the change back to GMT: 09:00 local = 09:00 UTC.
      next_run_at: "2026-10-26T09:00:00.000Z",
      last_run_at: null,
    });
    const row = await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id }, include: { channel: true } });
    expect(row.channel).toMatchObject({ type: "email", source: "report", name: "Reports: Acme Logistics", destination: "ops@acme.test", isDefault: false });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "report_schedule.create", targetId: s.id } });
    expect(audit.summary).toMatchObject({ client_id: slug, cron: "0 9 * * 1", recipients: ["ops@acme.test"] });
    expect(await getReportSchedule({ ctx, input: { id: s.id } })).toEqual(s);
    // Managed with its schedule: not among the alert channels in Settings.
    const { listChannels } = await import("@/lib/alerts/channels/list-channels");
    expect((await listChannels({ ctx, input: { client_id: slug } })).channels).toEqual([]);
  });

  it("recipients are checked, deduplicated case-insensitively; a custom cron is kept; update recomputes the next run and rewrites the channel", async () => {
    const slug = await client({ timeZone: "America/New_York" });
    const ctx = get().ctx({ clock: fixedClock("2026-10-21T10:00:00Z") });
    const s = await createReportSchedule({ ctx, input: { client_id: slug, report_type: "monthly", cron: "30 7 2 * *", recipients: ["A@x.test", "a@x.test", " b@y.test "], include_recommendations: false } });
    expect(s).toMatchObject({ recipients: ["A@x.test", "b@y.test"], include_recommendations: false, next_run_at: "2026-11-02T12:30:00.000Z", description: "Monthly on the 2nd at 07:30 (America/New_York)" });
    const u = await updateReportSchedule({ ctx, input: { id: s.id, cron: "0 6 * * 1-5", report_type: "daily", recipients: ["c@z.test"] } });
    expect(u).toMatchObject({ report_type: "daily", cron: "0 6 * * 1-5", recipients: ["c@z.test"], next_run_at: "2026-10-22T10:00:00.000Z" });
    const row = await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id }, include: { channel: true } });
    expect(row.channel.destination).toBe("c@z.test");
    // A schedule on its type's default cron follows a type change.
    const d = await createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly", recipients: ["x@x.test"] } });
    expect((await updateReportSchedule({ ctx, input: { id: d.id, report_type: "monthly" } })).cron).toBe("0 9 1 * *");
    // Disabled: no next run shown; enabled again: recomputed from now.
    expect((await updateReportSchedule({ ctx, input: { id: d.id, enabled: false } })).next_run_at).toBeNull();
    expect((await updateReportSchedule({ ctx: get().ctx({ clock: fixedClock("2026-11-05T00:00:00Z") }), input: { id: d.id, enabled: true } })).next_run_at).toBe("2026-12-01T14:00:00.000Z");
  });

  it("bad input is a 422 naming the field: invalid or too frequent cron, bad emails, too many, none and no contact email, unknown type or field", async () => {
    const slug = await client();
    const noContact = await client({ contactEmail: null });
    const ctx = get().ctx();
    expect(await issuesOf(createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly", cron: "0 9 * *" } }))).toMatchObject({ status: 422, issues: [{ path: "cron", message: expect.stringMatching(/five fields/) }] });
    expect(await issuesOf(createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly", cron: "*/10 * * * *" } }))).toMatchObject({ issues: [{ path: "cron", message: expect.stringMatching(/more than once an hour/) }] });
    expect(await issuesOf(createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly", cron: "0 25 * * *" } }))).toMatchObject({ issues: [{ path: "cron", message: expect.stringMatching(/not a valid cron/) }] });
    expect(await issuesOf(createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly", recipients: ["ok@x.test", "not-an-email"] } }))).toMatchObject({
      issues: [{ path: "recipients.1", message: '"not-an-email" is not a valid email address' }],
    });
    const many = Array.from({ length: 21 }, (_, i) => `r${i}@x.test`);
    expect(await issuesOf(createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly", recipients: many } }))).toMatchObject({ issues: [{ path: "recipients", message: expect.stringMatching(/at most 20/) }] });
    expect(await issuesOf(createReportSchedule({ ctx, input: { client_id: noContact, report_type: "weekly" } }))).toMatchObject({ issues: [{ path: "recipients", message: expect.stringMatching(/is required.*no contact email/) }] });
    expect(await issuesOf(createReportSchedule({ ctx, input: untrusted({ client_id: slug, report_type: "yearly" }) }))).toMatchObject({ status: 422, issues: [{ path: "report_type" }] });
    expect(await issuesOf(createReportSchedule({ ctx, input: untrusted({ client_id: slug, report_type: "weekly", every: "monday" }) }))).toMatchObject({ issues: [{ path: "every" }] });
    expect(await issuesOf(createReportSchedule({ ctx, input: { client_id: "no-such-client", report_type: "weekly" } }))).toMatchObject({ status: 404, issues: [{ path: "client_id" }] });
    expect(await issuesOf(getReportSchedule({ ctx, input: untrusted({ id: "nope" }) }))).toMatchObject({ status: 422, issues: [{ path: "id" }] });
    expect(await db().reportSchedule.count({ where: { client: { clientId: { in: [slug, noContact] } } } })).toBe(0);
  });

  it("the list says whether email can leave this server (SMTP_URL), so a schedule never looks fine while its emails wait", async () => {
    const a = await client();
    await createReportSchedule({ ctx: get().ctx(), input: { client_id: a, report_type: "weekly" } });
    const saved = process.env.SMTP_URL;
    try {
      delete process.env.SMTP_URL;
      resetEnvCache();
      expect((await listReportSchedules({ ctx: get().ctx(), input: { client_id: a } })).email_configured).toBe(false);
      process.env.SMTP_URL = "smtp://127.0.0.1:2525/?ignoreTLS=true";
      resetEnvCache();
      const listed = await listReportSchedules({ ctx: get().ctx(), input: { client_id: a } });
      expect(listed.email_configured).toBe(true);
      expect(listed.schedules).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved;
      resetEnvCache();
    }
  });

  it("a key bound to another client sees none and gets 404s; read-only callers cannot write", async () => {
    const a = await client();
    const b = await client();
    const ctx = get().ctx();
    const sa = await createReportSchedule({ ctx, input: { client_id: a, report_type: "weekly" } });
    const sb = await createReportSchedule({ ctx, input: { client_id: b, report_type: "monthly" } });
    const bound = get().ctx({ clientRestriction: a, scopes: ["read", "write"] });
    expect((await listReportSchedules({ ctx: bound })).schedules.map((s) => s.id)).toEqual([sa.id]);
    await expect(listReportSchedules({ ctx: bound, input: { client_id: b } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await issuesOf(getReportSchedule({ ctx: bound, input: { id: sb.id } }))).status).toBe(404);
    expect((await issuesOf(updateReportSchedule({ ctx: bound, input: { id: sb.id, enabled: false } }))).status).toBe(404);
    expect((await issuesOf(deleteReportSchedule({ ctx: bound, input: { id: sb.id } }))).status).toBe(404);
    expect((await issuesOf(createReportSchedule({ ctx: bound, input: { client_id: b, report_type: "weekly" } }))).status).toBe(404);
    const ro = get().ctx({ scopes: ["read"] });
    await expect(createReportSchedule({ ctx: ro, input: { client_id: a, report_type: "weekly" } })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteReportSchedule({ ctx: ro, input: { id: sa.id } })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await listReportSchedules({ ctx: ro, input: { client_id: b } })).schedules.map((s) => s.id)).toEqual([sb.id]);
  });

  it("delete removes the schedule and its recipients channel (kept disabled when emails went through it), audited; the channel cannot be deleted on its own", async () => {
    const slug = await client();
    const ctx = get().ctx();
    const s = await createReportSchedule({ ctx, input: { client_id: slug, report_type: "daily" } });
    const { channelId } = await db().reportSchedule.findUniqueOrThrow({ where: { id: s.id } });
    const { deleteChannel } = await import("@/lib/alerts/channels/delete-channel");
    expect((await issuesOf(deleteChannel({ ctx, input: { id: channelId } }))).status).toBe(409);
    expect((await deleteReportSchedule({ ctx, input: { id: s.id } })).id).toBe(s.id);
    expect(await db().reportSchedule.count({ where: { id: s.id } })).toBe(0);
    expect(await db().alertChannel.count({ where: { id: channelId } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: "report_schedule.delete", targetId: s.id } })).toBe(1);
    // A schedule whose emails went out: its channel stays, disabled, with the delivery log of what was sent.
    const sent = await createReportSchedule({ ctx, input: { client_id: slug, report_type: "weekly" } });
    const { channelId: used } = await db().reportSchedule.findUniqueOrThrow({ where: { id: sent.id } });
    const note = await db().notification.create({ data: { channelId: used, kind: "report", dedupeKey: `report:${sent.id}:x`, state: "delivered", sendAfter: new Date(), nextAttemptAt: new Date() } });
    await deleteReportSchedule({ ctx, input: { id: sent.id } });
    expect(await db().alertChannel.findUniqueOrThrow({ where: { id: used } })).toMatchObject({ enabled: false, name: "Reports: Acme Logistics (schedule deleted)" });
    expect(await db().notification.count({ where: { id: note.id } })).toBe(1);
  });
});

describeEachDatabase("agency settings (white-label)", (get) => {
  it("defaults when never saved; admins change it (audited, no logo bytes in the log); the branding a report is frozen with follows", async () => {
    const ctx = get().ctx();
    await get().database.prisma.agencySettings.deleteMany({});
    expect(await loadBranding(get().database.prisma)).toEqual(DEFAULT_BRANDING);
    expect(await getAgencySettings({ ctx })).toEqual({ agency_name: "ClientPulse", accent_color: "#2563eb", logo: null, report_footer: null, updated_at: null });
    const logo = png(64, 32);
    const out = await updateAgencySettings({ ctx, input: { agency_name: "Northwind Automation", accent_color: "#0F766E", report_footer: "hello@northwind.test", logo: { type: "image/png", base64: logo.toString("base64") } } });
    expect(out).toMatchObject({ agency_name: "Northwind Automation", accent_color: "#0f766e", report_footer: "hello@northwind.test", logo: { type: "image/png", bytes: logo.length, data_url: `data:image/png;base64,${logo.toString("base64")}` } });
    const branding = await loadBranding(get().database.prisma);
    expect(branding).toEqual({ agency_name: "Northwind Automation", accent_color: "#0f766e", footer: "hello@northwind.test", logo: { type: "image/png", base64: logo.toString("base64") } });
    expect(Object.isFrozen(branding)).toBe(true);
    const audit = await get().database.prisma.auditLog.findFirstOrThrow({ where: { action: "agency_settings.update" }, orderBy: { id: "desc" } });
    expect(audit.summary).toMatchObject({ logo: { type: "image/png", bytes: logo.length } });
    expect(JSON.stringify(audit.summary)).not.toContain(logo.toString("base64").slice(0, 40));
    // Partial update keeps the rest; null removes the logo and the footer.
    const removed = await updateAgencySettings({ ctx, input: { logo: null, report_footer: null } });
    expect(removed).toMatchObject({ agency_name: "Northwind Automation", logo: null, report_footer: null });
  });

  it("bad input: 422 naming the field (hostile SVG, renamed non-PNG, name, colour, footer); non-admins get 403 and nothing changes", async () => {
    const ctx = get().ctx();
    await updateAgencySettings({ ctx, input: { agency_name: "Before" } });
    const bad = async (input: unknown) => (await issuesOf(updateAgencySettings({ ctx, input: untrusted(input) }))).issues[0];
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(1)"><rect/></svg>';
    expect(await bad({ logo: { type: "image/svg+xml", base64: Buffer.from(svg).toString("base64") } })).toEqual({ path: "logo", message: expect.stringMatching(/event attributes \(found onload\)/) });
    expect(await bad({ logo: { type: "image/png", base64: Buffer.from("GIF89a not a png at all, just renamed").toString("base64") } })).toEqual({ path: "logo", message: expect.stringMatching(/not a PNG file/) });
    expect(await bad({ logo: { type: "image/gif", base64: "R0lGOD" } })).toMatchObject({ path: "logo.type" });
    expect(await bad({ agency_name: "" })).toMatchObject({ path: "agency_name", message: "is required" });
    expect(await bad({ agency_name: "x".repeat(121) })).toMatchObject({ path: "agency_name" });
    expect(await bad({ agency_name: "Evil\nCorp" })).toMatchObject({ path: "agency_name", message: expect.stringMatching(/control characters/) });
    expect(await bad({ accent_color: "blue" })).toMatchObject({ path: "accent_color", message: expect.stringMatching(/#RRGGBB/) });
    expect(await bad({ report_footer: "y".repeat(201) })).toMatchObject({ path: "report_footer" });
    expect(await bad({ brand: "x" })).toMatchObject({ path: "brand" });
    for (const scopes of [["read"], ["read", "write"]] as const) {
      await expect(updateAgencySettings({ ctx: get().ctx({ scopes: [...scopes] }), input: { agency_name: "Hijacked" } })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await getAgencySettings({ ctx: get().ctx({ scopes: ["read"] }) })).agency_name).toBe("Before");
    await expect(updateAgencySettings({ ctx, input: untrusted({ agency_name: 5 }) })).rejects.toBeInstanceOf(ValidationError);
  });

  it("uploads as the Branding form sends them (a File): a JPEG renamed logo.png and a hostile SVG are refused naming logo; a real PNG and a type-less .svg pass", async () => {
    const ctx = get().ctx();
    const upload = async (file: File) => {
      const read = await logoFromFile(file);
      if (!read.ok) return read.message;
      try {
        return (await updateAgencySettings({ ctx, input: untrusted({ logo: read.logo }) })).logo?.type ?? null;
      } catch (error) {
        return error instanceof ValidationError ? error.issues!.map((i) => `${i.path}: ${i.message}`).join("; ") : String(error);
      }
    };
    const jpeg = new File([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, ...Array(100).fill(0)])], "logo.png", { type: "image/png" });
    expect(await upload(jpeg)).toMatch(/^logo: is not a PNG file/);
    const hostile = new File(['<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe src="https://evil.example"/></foreignObject></svg>'], "logo.svg", { type: "image/svg+xml" });
    expect(await upload(hostile)).toMatch(/^logo: must not contain <foreignObject>/);
    expect(await upload(new File(["GIF89a"], "logo.gif", { type: "image/gif" }))).toMatch(/^logo\.type: must be one of image\/png, image\/svg\+xml/);
    expect(await upload(new File([new Uint8Array(300 * 1024)], "big.png", { type: "image/png" }))).toMatch(/at most 256 KB/);
    expect(await upload(new File([new Uint8Array(png(200, 80))], "logo.png", { type: "image/png" }))).toBe("image/png");
    expect(await upload(new File(['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'], "logo.svg"))).toBe("image/svg+xml");
  });
});
