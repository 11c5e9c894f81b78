// Delivery end to end on both databases, with real receivers: an in-process SMTP server
// (smtp-server, parsed with mailparser), local HTTP receivers for Slack and webhooks (signature
// verified with the `standardwebhooks` package), the worker's real claim and marks, on a fake
// clock for backoff and Retry-After. Notifications are queued through the outbox
// (enqueueAlertEvent) the way the alert engine queues them.
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import type { ChannelType } from "@/lib/generated/prisma/client";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { startHookReceiver, type HookReceiver } from "@/test/support/hook-receiver";
import { messageId } from "../delivery-output";
import { enqueueAlertEvent } from "../outbox";
import { FAILING_AFTER_FAILURES } from "./channel-health";
import { MAX_AGE_MS, MAX_ATTEMPTS } from "./retry-policy";
import { alertDelivery, applyDeliveryRetention, ATTEMPT_LOG_DAYS } from "./delivery-worker";
import type { AttemptOutcome } from "./deliver";
import { getDelivery, listDeliveries, listFailingChannels, retryDelivery } from "./deliveries";
import { sendTestNotification } from "./send-test-notification";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { untrusted } from "@/lib/input";

const FAR = new Date(Date.UTC(2999, 0, 1));
const SECRET = `whsec_${Buffer.from("a-32-byte-signing-secret-for-tst").toString("base64")}`;

export function fakeClock(start: number) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms), get t() { return t; } };
}

const savedEnv = { ...process.env };
let smtp: SMTPServer;
let smtpPort = 0;
const mails: ParsedMail[] = [];
let hooks: HookReceiver;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith("refused")) cb(Object.assign(new Error("5.1.1 no such user"), { responseCode: 550 }));
      else cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => (mails.push(m), cb()), cb);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  hooks = await startHookReceiver();
  Object.assign(process.env, {
    ALLOWED_PRIVATE_TARGETS: "127.0.0.1",
    APP_URL: "https://pulse.example.com",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}/?ignoreTLS=true`,
    ALERT_EMAIL_FROM: "ClientPulse <alerts@pulse.example.com>",
    LOG_LEVEL: "silent",
  });
  resetEnvCache();
});
afterAll(async () => {
  await hooks?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  process.env = savedEnv;
  resetEnvCache();
});

interface Seeded {
  clientRef: string;
  slug: string;
  systems: { id: string; name: string }[];
}

async function seedClient(db: Db, systemNames = ["API", "Worker"]): Promise<Seeded> {
  const slug = uniqueClientId("dlv");
  const client = await db.client.create({
    data: {
      clientId: slug,
      name: "Acme <Logistics>",
      systems: { create: systemNames.map((name, i) => ({ name, healthUrl: "https://example.com/health", nextCheckAt: FAR, position: i })) },
    },
    include: { systems: { orderBy: { position: "asc" } } },
  });
  return { clientRef: client.id, slug, systems: client.systems.map((s) => ({ id: s.id, name: s.name })) };
}

async function channel(db: Db, type: ChannelType, destination: string, extra: { secret?: string; headers?: Record<string, string>; name?: string; clientRef?: string } = {}) {
  return db.alertChannel.create({
    data: { type, name: extra.name ?? `${type} ${uniqueClientId()}`, destination, secret: extra.secret ?? null, headers: extra.headers, clientRef: extra.clientRef ?? null },
  });
}

async function fire(
  db: Db,
  client: Seeded,
  channelIds: string[],
  at: Date,
  over: { systemId?: string | null; metric?: string; observed?: number; threshold?: number; message?: string; groupWindowMs?: number } = {},
) {
  const alert = await db.alert.create({
    data: {
      clientRef: client.clientRef,
      systemId: over.systemId === undefined ? client.systems[0]!.id : over.systemId,
      severity: "critical",
      metric: over.metric ?? "uptime",
      comparison: over.metric === "status" ? "greater_or_equal" : "less_than",
      thresholdValue: over.threshold ?? 95,
      observedValue: over.observed ?? 91.2,
      message: over.message ?? "uptime 91.2 % over 24 h < 95 %",
      startedAt: at,
    },
  });
  const ids = await db.$transaction((tx) => enqueueAlertEvent(tx, { alertId: alert.id, clientRef: client.clientRef, eventKey: "firing", channelIds, at, groupWindowMs: over.groupWindowMs ?? 0 }));
  return { alert, notificationId: ids[0]! };
}

/** One worker round: claim what is due now and send it all. */
async function round(db: Db, clock: { now(): Date }, outcomes: AttemptOutcome[] = [], workerId = "test-worker") {
  const kind = alertDelivery({ workerId, random: () => 0.5, onAttempt: (o) => outcomes.push(o) });
  const jobs = await kind.claim(db, clock.now(), { concurrency: 16, inFlightByClient: new Map() });
  await Promise.all(jobs.map((j) => kind.run(j, { db, clock, signal: new AbortController().signal })));
  return jobs.length;
}

const webhookIds = (path: string) => hooks.to(path).map((r) => r.headers["webhook-id"]);

describeEachDatabase("alert delivery", (get) => {
  const db = () => get().database.prisma;

  it("email: a real SMTP server receives HTML and text parts with the client link; the attempt is logged", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const ch = await channel(db(), "email", "ops@agency.example, oncall@agency.example");
    const { notificationId } = await fire(db(), client, [ch.id], clock.now());
    const before = mails.length;
    expect(await round(db(), clock)).toBeGreaterThanOrEqual(1);
    const mail = mails.slice(before).find((m) => m.headers.get("x-clientpulse-message-id") === messageId(notificationId))!;
    expect(mail).toBeDefined();
    expect(mail.subject).toContain("Acme <Logistics>");
    expect(mail.messageId).toBe(`<${messageId(notificationId)}@clientpulse>`);
    expect(mail.html).toContain(`href="https://pulse.example.com/clients/${client.slug}"`);
    expect(mail.html).toContain("Acme &lt;Logistics&gt;");
    expect(mail.text).toContain(`https://pulse.example.com/clients/${client.slug}`);
    expect(mail.text).toContain("91.2 % (threshold < 95 %)");
    const row = await db().notification.findUniqueOrThrow({ where: { id: notificationId }, include: { attemptsLog: true } });
    expect(row).toMatchObject({ state: "delivered", attempts: 1, lockedBy: null, lockedUntil: null });
    expect(row.attemptsLog).toMatchObject([{ attempt: 1, outcome: "delivered", statusCode: 250 }]);
    const health = await db().alertChannel.findUniqueOrThrow({ where: { id: ch.id } });
    expect(health.lastDeliveredAt).not.toBeNull();
    expect(health.consecutiveFailures).toBe(0);
  });

  it("email: a recipient refused with 550 is dead at once", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const ch = await channel(db(), "email", "refused@agency.example");
    const { notificationId } = await fire(db(), client, [ch.id], clock.now());
    await round(db(), clock);
    const row = await db().notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row.state).toBe("dead");
    expect(row.lastError).toMatch(/refused|550/);
  });

  it("Slack: a Block Kit message with status, reason, value, since and a button; user text escaped", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const path = `/slack/${uniqueClientId()}`;
    const ch = await channel(db(), "slack", `${hooks.base}${path}`);
    await fire(db(), client, [ch.id], clock.now(), { message: "<!channel> uptime 91.2 % < 95 %" });
    await round(db(), clock);
    const [req] = hooks.to(path);
    expect(req).toBeDefined();
    const body = JSON.parse(req!.body);
    expect(body.text).toContain("&lt;!channel&gt;");
    expect(JSON.stringify(body.blocks)).toContain("91.2 % (threshold &lt; 95 %)");
    expect(body.blocks.find((b: { type: string }) => b.type === "actions").elements[0].url).toBe(`https://pulse.example.com/clients/${client.slug}`);
  });

  it("webhook: signed per Standard Webhooks (verifies; tampered body and stale timestamp fail), custom headers sent, no secret in the body", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const path = `/hook/${uniqueClientId()}`;
    const ch = await channel(db(), "webhook", `${hooks.base}${path}`, { secret: SECRET, headers: { "X-Team": "ops", "webhook-id": "forged" } });
    const { notificationId } = await fire(db(), client, [ch.id], clock.now());
    await round(db(), clock);
    const [req] = hooks.to(path);
    expect(req!.headers["webhook-id"]).toBe(messageId(notificationId));
    expect(req!.headers["x-team"]).toBe("ops");
    const wh = new Webhook(SECRET);
    const payload = wh.verify(req!.body, req!.headers) as { type: string; data: { client: { id: string }; alerts: unknown[] } };
    expect(payload.type).toBe("alert.firing");
    expect(payload.data.client.id).toBe(client.slug);
    expect(() => wh.verify(req!.body.replace("91.2", "99.9"), req!.headers)).toThrow();
    const staleTs = String(Number(req!.headers["webhook-timestamp"]) - 600);
    expect(() => wh.verify(req!.body, { ...req!.headers, "webhook-timestamp": staleTs })).toThrow();
    expect(req!.body).not.toContain(SECRET.slice(6));
    expect(req!.body).not.toContain(path);
  });

  it("a receiver failing twice then succeeding: one delivery, three attempts logged, the same webhook-id each time", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const path = `/flaky/${uniqueClientId()}`;
    hooks.script(path, { status: 500 }, { status: 503 });
    const ch = await channel(db(), "webhook", `${hooks.base}${path}`, { secret: SECRET });
    const { notificationId } = await fire(db(), client, [ch.id], clock.now());
    await round(db(), clock);
    let row = await db().notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row).toMatchObject({ state: "pending", attempts: 1, lastStatusCode: 500 });
    // Equal jitter at random 0.5: 30 s × 0.75 = 22.5 s after the first failure.
    expect(row.nextAttemptAt.getTime() - clock.t).toBe(22_500);
    clock.advance(22_499);
    expect(await round(db(), clock)).toBe(0); // not before its time
    clock.advance(1);
    await round(db(), clock);
    row = await db().notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row).toMatchObject({ state: "pending", attempts: 2, lastStatusCode: 503 });
    expect(row.nextAttemptAt.getTime() - clock.t).toBe(45_000); // 60 s × 0.75
    expect((await db().alertChannel.findUniqueOrThrow({ where: { id: ch.id } })).consecutiveFailures).toBe(2);
    clock.advance(45_000);
    await round(db(), clock);
    clock.advance(3_600_000);
    await round(db(), clock); // nothing more to send
    row = await db().notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row).toMatchObject({ state: "delivered", attempts: 3 });
    const log = await db().deliveryAttempt.findMany({ where: { notificationId }, orderBy: { attempt: "asc" } });
    expect(log.map((l) => [l.attempt, l.outcome, l.statusCode])).toEqual([[1, "retry", 500], [2, "retry", 503], [3, "delivered", 200]]);
    const ids = webhookIds(path);
    expect(ids).toEqual([messageId(notificationId), messageId(notificationId), messageId(notificationId)]);
    const stamps = hooks.to(path).map((r) => r.headers["webhook-timestamp"]);
    expect(new Set(stamps).size).toBe(3); // re-signed with a fresh timestamp each attempt
    const health = await db().alertChannel.findUniqueOrThrow({ where: { id: ch.id } });
    expect(health).toMatchObject({ consecutiveFailures: 0, failingSince: null, lastError: null });
  });

  it("429 with Retry-After is honoured (seconds, then an HTTP date)", async () => {
    const clock = fakeClock(Math.floor(Date.now() / 1000) * 1000);
    const client = await seedClient(db());
    const path = `/limited/${uniqueClientId()}`;
    const later = new Date(clock.t + 120_000 + 300_000).toUTCString();
    hooks.script(path, { status: 429, headers: { "retry-after": "120" } }, { status: 429, headers: { "retry-after": later } });
    const ch = await channel(db(), "slack", `${hooks.base}${path}`);
    const { notificationId } = await fire(db(), client, [ch.id], clock.now());
    await round(db(), clock);
    let row = await db().notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row.nextAttemptAt.getTime()).toBe(clock.t + 120_000);
    clock.advance(119_999);
    expect(await round(db(), clock)).toBe(0);
    clock.advance(1);
    await round(db(), clock);
    row = await db().notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row.nextAttemptAt.getTime()).toBe(Date.parse(later));
    clock.set(Date.parse(later));
    await round(db(), clock);
    expect((await db().notification.findUniqueOrThrow({ where: { id: notificationId } })).state).toBe("delivered");
    expect(hooks.to(path)).toHaveLength(3);
  });

  it("410 (and Slack's 404) are dead at once; a private or metadata address is refused by the policy: dead with its reason", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const gone = `/gone/${uniqueClientId()}`;
    hooks.script(gone, { status: 410, body: "no_service" });
    const notFound = `/missing/${uniqueClientId()}`;
    hooks.script(notFound, { status: 404, body: "no_team" });
    const a = await channel(db(), "webhook", `${hooks.base}${gone}`, { secret: SECRET });
    const b = await channel(db(), "slack", `${hooks.base}${notFound}`);
    const meta = await channel(db(), "webhook", "http://169.254.169.254/latest/meta-data/token-path", { secret: SECRET });
    const priv = await channel(db(), "slack", "http://10.11.12.13/hooks/private-path");
    const sent = await Promise.all([a, b, meta, priv].map((ch) => fire(db(), client, [ch.id], clock.now())));
    await round(db(), clock);
    const rows = await Promise.all(sent.map((s) => db().notification.findUniqueOrThrow({ where: { id: s.notificationId } })));
    expect(rows.map((r) => [r.state, r.attempts, r.lastStatusCode])).toEqual([["dead", 1, 410], ["dead", 1, 404], ["dead", 1, null], ["dead", 1, null]]);
    expect(rows[0]!.lastError).toBe("HTTP 410: no_service");
    expect(rows[2]!.lastError).toMatch(/^blocked by network policy \(169\.254\.169\.254 is/);
    expect(rows[3]!.lastError).toMatch(/^blocked by network policy \(10\.11\.12\.13 is .*private targets are not allowed/);
    // No destination path or secret in any recorded error.
    for (const r of rows) expect(r.lastError).not.toMatch(/token-path|private-path|gone\/|missing\//);
    expect(hooks.to(gone)).toHaveLength(1);
  });

  it("grouping: a burst of one client's alerts goes out as one message; every system down renders as client down", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const path = `/group/${uniqueClientId()}`;
    const ch = await channel(db(), "webhook", `${hooks.base}${path}`, { secret: SECRET });
    const one = await fire(db(), client, [ch.id], clock.now(), { systemId: client.systems[0]!.id, metric: "status", observed: 2, threshold: 2, message: "API is down", groupWindowMs: 60_000 });
    clock.advance(5_000);
    const two = await fire(db(), client, [ch.id], clock.now(), { systemId: client.systems[1]!.id, metric: "status", observed: 2, threshold: 2, message: "Worker is down", groupWindowMs: 60_000 });
    expect(two.notificationId).toBe(one.notificationId);
    expect(await round(db(), clock)).toBe(0); // the window is still open
    clock.advance(55_000);
    await round(db(), clock);
    const reqs = hooks.to(path);
    expect(reqs).toHaveLength(1);
    const body = JSON.parse(reqs[0]!.body);
    expect(body.type).toBe("client.down");
    expect(body.data.client_down.systems).toEqual(["API", "Worker"]);
    expect(body.data.alerts).toHaveLength(2);
  });

  it("an alert that recovered before sending says fired and recovered; an empty message is cancelled", async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const path = `/recovered/${uniqueClientId()}`;
    const ch = await channel(db(), "webhook", `${hooks.base}${path}`, { secret: SECRET });
    const { alert } = await fire(db(), client, [ch.id], clock.now(), { groupWindowMs: 60_000 });
    clock.advance(30_000);
    await db().alert.update({ where: { id: alert.id }, data: { state: "resolved", resolvedAt: clock.now() } });
    await db().$transaction((tx) => enqueueAlertEvent(tx, { alertId: alert.id, clientRef: client.clientRef, eventKey: "resolved", channelIds: [ch.id], at: clock.now(), groupWindowMs: 60_000 }));
    clock.advance(30_000);
    await round(db(), clock);
    const [req] = hooks.to(path);
    const body = JSON.parse(req!.body);
    expect(body.type).toBe("alert.resolved");
    expect(body.data.alerts).toMatchObject([{ id: alert.id, status: "fired_and_recovered", state: "resolved" }]);
    const empty = await db().notification.create({ data: { channelId: ch.id, clientRef: client.clientRef, kind: "alert", dedupeKey: `empty:${uniqueClientId()}`, sendAfter: clock.now(), nextAttemptAt: clock.now() } });
    await round(db(), clock);
    expect(await db().notification.findUniqueOrThrow({ where: { id: empty.id } })).toMatchObject({ state: "cancelled", lastError: "cancelled: no alerts left to report" });
    expect(hooks.to(path)).toHaveLength(1);
  });

  it(`a channel failing ${FAILING_AFTER_FAILURES} times in a row queues ONE notice to another working agency channel`, async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    // Only this test's channels are candidates for the notice.
    await db().alertChannel.updateMany({ where: { clientRef: null }, data: { enabled: false } });
    const badPath = `/down/${uniqueClientId()}`;
    hooks.script(badPath, ...Array.from({ length: 20 }, () => ({ status: 502 })));
    const okPath = `/works/${uniqueClientId()}`;
    const bad = await channel(db(), "slack", `${hooks.base}${badPath}`, { name: "Ops Slack" });
    const good = await channel(db(), "webhook", `${hooks.base}${okPath}`, { secret: SECRET, name: "Pager" });
    await db().alertChannel.update({ where: { id: good.id }, data: { lastDeliveredAt: clock.now() } });
    for (let i = 0; i < 4; i++) await fire(db(), client, [bad.id], clock.now());
    await round(db(), clock); // 4 failures in a row → failing
    const after = await db().alertChannel.findUniqueOrThrow({ where: { id: bad.id } });
    expect(after.consecutiveFailures).toBe(4);
    expect(after.lastError).toBe("HTTP 502: error");
    const notices = await db().notification.findMany({ where: { kind: "channel_failing" , channelId: good.id } });
    expect(notices).toHaveLength(1);
    await round(db(), clock);
    const [req] = hooks.to(okPath);
    const body = JSON.parse(req!.body);
    expect(body.type).toBe("channel.failing");
    expect(body.data.summary).toContain('"Ops Slack" keeps failing');
    expect(req!.body).not.toContain(badPath);
    // More failures in the same episode: no second notice.
    clock.advance(3_600_000);
    await round(db(), clock);
    expect(await db().notification.count({ where: { kind: "channel_failing", dedupeKey: { startsWith: `channel_failing:${bad.id}:` } } })).toBe(1);
    await db().notification.updateMany({ where: { channelId: bad.id, state: "pending" }, data: { state: "dead" } });
    await db().alertChannel.update({ where: { id: bad.id }, data: { enabled: false } });
  });

  it("send test: one attempt through the worker's path, the outcome returned; a failing channel's test is reported, not retried", async () => {
    const okPath = `/test-ok/${uniqueClientId()}`;
    const ch = await channel(db(), "webhook", `${hooks.base}${okPath}`, { secret: SECRET, name: "Test me" });
    const res = await sendTestNotification({ ctx: get().ctx(), input: { channel_id: ch.id } });
    expect(res).toMatchObject({ outcome: "delivered", error: null, status_code: 200 });
    expect(res.delivery).toMatchObject({ kind: "test", state: "delivered", attempts: 1, summary: "Test notification", channel: { id: ch.id, name: "Test me" } });
    expect(res.delivery.log).toMatchObject([{ attempt: 1, outcome: "delivered", status_code: 200 }]);
    const [req] = hooks.to(okPath);
    expect(req!.headers["webhook-id"]).toBe(res.delivery.message_id);
    expect(JSON.parse(req!.body)).toMatchObject({ type: "test", data: { summary: "Test notification from ClientPulse" } });
    expect(new Webhook(SECRET).verify(req!.body, req!.headers)).toBeTruthy();

    const badPath = `/test-bad/${uniqueClientId()}`;
    hooks.script(badPath, { status: 503 });
    const bad = await channel(db(), "slack", `${hooks.base}${badPath}`);
    const failed = await sendTestNotification({ ctx: get().ctx(), input: { channel_id: bad.id } });
    expect(failed).toMatchObject({ outcome: "failed", status_code: 503, delivery: { state: "dead" } });
    expect(failed.error).toMatch(/^test not retried: HTTP 503/);
    expect((await db().alertChannel.findUniqueOrThrow({ where: { id: bad.id } })).consecutiveFailures).toBe(1);

    await expect(sendTestNotification({ ctx: get().ctx({ scopes: ["read"] }), input: { channel_id: ch.id } })).rejects.toThrow(ForbiddenError);
    const boundTo = await seedClient(db());
    await expect(sendTestNotification({ ctx: get().ctx({ clientRestriction: boundTo.slug }), input: { channel_id: ch.id } })).rejects.toThrow(NotFoundError);
    await expect(sendTestNotification({ ctx: get().ctx(), input: untrusted({ channel_id: "nope" }) })).rejects.toThrow(ValidationError);
    await db().alertChannel.update({ where: { id: bad.id }, data: { enabled: false } });
  });

  it("deliveries: list with state, channel and client filters and a cursor; scoped to a bound key's client; retry a dead one with the same message id", async () => {
    const clock = fakeClock(Date.now());
    const a = await seedClient(db());
    const b = await seedClient(db());
    const path = `/list/${uniqueClientId()}`;
    hooks.script(path, { status: 410 });
    const ch = await channel(db(), "webhook", `${hooks.base}${path}`, { secret: SECRET });
    const first = await fire(db(), a, [ch.id], clock.now());
    await round(db(), clock); // 410: dead
    for (let i = 0; i < 3; i++) await fire(db(), a, [ch.id], new Date(clock.t + i));
    await fire(db(), b, [ch.id], clock.now());
    await round(db(), clock); // delivered
    const ctx = get().ctx({ clock });
    const dead = await listDeliveries({ ctx, input: { state: "dead", channel_id: ch.id } });
    expect(dead.deliveries.map((d) => d.id)).toEqual([first.notificationId]);
    expect(dead.deliveries[0]).toMatchObject({ state: "dead", last_status_code: 410, last_error: "HTTP 410: error", client_id: a.slug, alert_ids: [first.alert.id] });
    const page1 = await listDeliveries({ ctx, input: { channel_id: ch.id, client_id: a.slug, limit: 2 } });
    expect(page1.deliveries).toHaveLength(2);
    const page2 = await listDeliveries({ ctx, input: { channel_id: ch.id, client_id: a.slug, limit: 2, cursor: page1.next_cursor! } });
    expect(page2.deliveries).toHaveLength(2);
    expect(page2.next_cursor).toBeNull();
    expect(new Set([...page1.deliveries, ...page2.deliveries].map((d) => d.id)).size).toBe(4);
    const bound = get().ctx({ clientRestriction: b.slug, scopes: ["read", "write"] });
    expect((await listDeliveries({ ctx: bound, input: { channel_id: ch.id } })).deliveries.map((d) => d.client_id)).toEqual([b.slug]);
    await expect(getDelivery({ ctx: bound, input: { id: first.notificationId } })).rejects.toThrow(NotFoundError);
    await expect(retryDelivery({ ctx: bound, input: { id: first.notificationId } })).rejects.toThrow(NotFoundError);
    await expect(listDeliveries({ ctx: bound, input: { client_id: a.slug } })).rejects.toThrow(NotFoundError);
    await expect(listDeliveries({ ctx, input: untrusted({ state: "lost" }) })).rejects.toThrow(/state: must be one of/);
    await expect(listDeliveries({ ctx, input: untrusted({ cursor: "garbage" }) })).rejects.toThrow(/cursor/);
    await expect(retryDelivery({ ctx: get().ctx({ scopes: ["read"] }), input: { id: first.notificationId } })).rejects.toThrow(ForbiddenError);

    const retried = await retryDelivery({ ctx, input: { id: first.notificationId } });
    expect(retried).toMatchObject({ state: "pending", attempts: 0, message_id: messageId(first.notificationId) });
    await expect(retryDelivery({ ctx, input: { id: first.notificationId } })).rejects.toThrow(ConflictError);
    await round(db(), clock);
    const after = await getDelivery({ ctx, input: { id: first.notificationId } });
    expect(after).toMatchObject({ state: "delivered", attempts: 1 });
    expect(after.log!.map((l) => [l.attempt, l.outcome])).toEqual([[1, "dead"], [2, "delivered"]]);
    expect(webhookIds(path).filter((id) => id === messageId(first.notificationId))).toHaveLength(2);
    expect(await db().auditLog.count({ where: { action: "delivery.retry", targetId: first.notificationId } })).toBe(1);
  });

  it("failing channels: listed for admins only, with dead and retrying counts", async () => {
    const now = new Date();
    const ch = await channel(db(), "slack", `${hooks.base}/never-used`, { name: "Broken Slack" });
    await db().alertChannel.update({ where: { id: ch.id }, data: { consecutiveFailures: 1, failingSince: new Date(now.getTime() - 20 * 60_000), lastError: "HTTP 500: error" } });
    const quiet = await channel(db(), "slack", `${hooks.base}/never-used-2`, { name: "One blip" });
    await db().alertChannel.update({ where: { id: quiet.id }, data: { consecutiveFailures: 1, failingSince: now } });
    const res = await listFailingChannels({ ctx: get().ctx() });
    const mine = res.channels.find((c) => c.id === ch.id);
    expect(mine).toMatchObject({ name: "Broken Slack", type: "slack", consecutive_failures: 1, last_error: "HTTP 500: error", dead_deliveries: 0 });
    expect(res.channels.some((c) => c.id === quiet.id)).toBe(false); // one failure a moment ago is not "keeps failing"
    expect(JSON.stringify(res)).not.toContain("never-used");
    await expect(listFailingChannels({ ctx: get().ctx({ scopes: ["read", "write"] }) })).rejects.toThrow(ForbiddenError);
    await db().alertChannel.updateMany({ where: { id: { in: [ch.id, quiet.id] } }, data: { enabled: false } });
  });

  it("claims fairly across clients: one client's backlog does not hold back another client's message", async () => {
    const clock = fakeClock(Date.now());
    const busy = await seedClient(db());
    const quiet = await seedClient(db());
    const path = `/fair/${uniqueClientId()}`;
    const ch = await channel(db(), "webhook", `${hooks.base}${path}`, { secret: SECRET });
    for (let i = 0; i < 30; i++) await fire(db(), busy, [ch.id], new Date(clock.t - 60_000 + i));
    const late = await fire(db(), quiet, [ch.id], clock.now()); // due last
    const kind = alertDelivery({ workerId: "fair" });
    const claimed = await kind.claim(db(), clock.now(), { concurrency: 4, inFlightByClient: new Map() });
    expect(claimed).toHaveLength(3); // each client's share (2), and a quarter of the slots kept free for others
    expect(claimed.map((j) => j.id)).toContain(late.notificationId);
    // A client already at its share in flight gets nothing more while the reserve is needed.
    const more = await kind.claim(db(), clock.now(), { concurrency: 8, inFlightByClient: new Map([[busy.clientRef, 6]]) });
    expect(more.length).toBeLessThanOrEqual(2);
    await Promise.all([...claimed, ...more].map((j) => kind.run(j, { db: db(), clock, signal: new AbortController().signal })));
    while ((await round(db(), clock)) > 0);
    expect(await db().notification.count({ where: { channelId: ch.id, state: "delivered" } })).toBe(31);
    expect(new Set(webhookIds(path)).size).toBe(31);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, or once a message has waited longer than the maximum age`, async () => {
    const clock = fakeClock(Date.now());
    const client = await seedClient(db());
    const path = `/always-down/${uniqueClientId()}`;
    hooks.script(path, ...Array.from({ length: 5 }, () => ({ status: 503 })));
    const ch = await channel(db(), "slack", `${hooks.base}${path}`);
    const many = await fire(db(), client, [ch.id], clock.now());
    await db().notification.update({ where: { id: many.notificationId }, data: { attempts: MAX_ATTEMPTS - 1 } });
    const old = await fire(db(), client, [ch.id], clock.now());
    await db().notification.update({ where: { id: old.notificationId }, data: { sendAfter: new Date(clock.t - MAX_AGE_MS) } });
    await round(db(), clock);
    const rows = await db().notification.findMany({ where: { id: { in: [many.notificationId, old.notificationId] } } });
    for (const r of rows) expect(r.state).toBe("dead");
    expect(rows.find((r) => r.id === many.notificationId)!.lastError).toBe(`gave up after ${MAX_ATTEMPTS} attempts: HTTP 503: error`);
    expect(rows.find((r) => r.id === old.notificationId)!.lastError).toBe("gave up after 1 attempt: HTTP 503: error");
    await db().alertChannel.update({ where: { id: ch.id }, data: { enabled: false } });
  });

  it(`retention: finished messages and attempt lines older than ${ATTEMPT_LOG_DAYS} days go; pending ones stay`, async () => {
    const now = new Date();
    const old = new Date(now.getTime() - (ATTEMPT_LOG_DAYS + 1) * 86_400_000);
    const ch = await channel(db(), "slack", `${hooks.base}/retention`);
    const make = (state: "delivered" | "pending" | "dead", createdAt: Date) =>
      db().notification.create({ data: { channelId: ch.id, kind: "test", dedupeKey: `ret:${uniqueClientId()}`, state, sendAfter: FAR, nextAttemptAt: FAR, createdAt, attemptsLog: { create: [{ attempt: 1, at: createdAt, durationMs: 5, outcome: "retry" }] } } });
    const gone = [await make("delivered", old), await make("dead", old)];
    const kept = [await make("pending", old), await make("delivered", now)];
    expect(await applyDeliveryRetention(db(), now)).toBeGreaterThanOrEqual(3);
    expect(await db().notification.count({ where: { id: { in: gone.map((r) => r.id) } } })).toBe(0);
    expect(await db().notification.count({ where: { id: { in: kept.map((r) => r.id) } } })).toBe(2);
    expect(await db().deliveryAttempt.count({ where: { notificationId: kept[1]!.id } })).toBe(1);
    expect(await db().deliveryAttempt.count({ where: { notificationId: kept[0]!.id } })).toBe(0); // an old line of a pending message
    await db().notification.deleteMany({ where: { id: { in: kept.map((r) => r.id) } } });
  });
});
