// Alert configuration end to end on both databases: rules (thresholds) and channels through the
// verbs, the REST route handlers and MCP through the SDK's own Client over HTTP. The tests in
// this block share one database and run in order: the first ones run before any channel exists.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as channelsRoute from "@/app/api/alert-channels/route";
import * as channelRoute from "@/app/api/alert-channels/[id]/route";
import * as mcpRoute from "@/app/api/mcp/route";
import * as thresholdsRoute from "@/app/api/alert-thresholds/route";
import * as thresholdRoute from "@/app/api/alert-thresholds/[id]/route";
import { createChannel } from "@/lib/alerts/channels/create-channel";
import { deleteChannel } from "@/lib/alerts/channels/delete-channel";
import { ensureEnvChannels } from "@/lib/alerts/channels/ensure-env-channels";
import { getChannel } from "@/lib/alerts/channels/get-channel";
import { listChannels } from "@/lib/alerts/channels/list-channels";
import { rotateChannelSecret } from "@/lib/alerts/channels/rotate-channel-secret";
import { setDefaultChannel } from "@/lib/alerts/channels/set-default-channel";
import { updateChannel } from "@/lib/alerts/channels/update-channel";
import { channelsForThreshold } from "@/lib/alerts/outbox";
import { alertOnFailures } from "@/lib/alerts/thresholds/alert-on-failures";
import { createThreshold } from "@/lib/alerts/thresholds/create-threshold";
import { deleteThreshold } from "@/lib/alerts/thresholds/delete-threshold";
import { getThreshold } from "@/lib/alerts/thresholds/get-threshold";
import { listThresholds } from "@/lib/alerts/thresholds/list-thresholds";
import { updateThreshold } from "@/lib/alerts/thresholds/update-threshold";
import { registerClient } from "@/lib/clients/register-client";
import { SESSION_COOKIE } from "@/lib/auth/sessions";
import { setProcessDatabase } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { untrusted } from "@/lib/input";
import { createUser } from "@/lib/users/manage-users";
import { signIn } from "@/lib/users/sign-in";
import { bearer, newApiKey } from "@/test/support/auth";
import { describeEachDatabase, uniqueClientId } from "@/test/support/databases";
import { serveRoutes } from "@/test/support/route-server";

const bigintSafe = (_: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/** The AppError a promise rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
}

const ENV_KEYS = ["SMTP_URL", "ALERT_EMAIL_TO", "SLACK_WEBHOOK_URL", "ALERT_WEBHOOK_URL", "ALERT_WEBHOOK_SECRET", "ALLOWED_PRIVATE_TARGETS"] as const;

describeEachDatabase("alert configuration", (get) => {
  const db = () => get().database.prisma;
  const ctx = () => get().ctx();
  let A: string;
  let B: string;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  const secrets: string[] = [];
  const savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string | undefined>> = {};

  /** Everything configuration writes: a refused call must leave these as they were. */
  const counts = async () => ({ rules: await db().alertThreshold.count(), channels: await db().alertChannel.count(), links: await db().alertThresholdChannel.count() });

  beforeAll(async () => {
    for (const k of ENV_KEYS) savedEnv[k] = process.env[k];
    for (const k of ENV_KEYS) delete process.env[k];
    resetEnvCache();
    setProcessDatabase(get().database);
    const system = ctx();
    A = (await registerClient({ ctx: system, input: { client_id: uniqueClientId("acme"), client_name: "Acme", systems: [{ name: "Lead Processing", health_url: "https://a.example.com/health" }, { name: "Billing", health_url: "https://b.example.com/health" }] } })).client_id;
    B = (await registerClient({ ctx: system, input: { client_id: uniqueClientId("globex"), client_name: "Globex", systems: [{ name: "API", health_url: "https://g.example.com/health" }] } })).client_id;
    server = await serveRoutes({ "/api/mcp": mcpRoute });
    const password = "correct horse battery staple";
    const admin = await createUser({ ctx: system, input: { email: `admin-${uniqueClientId()}@agency.example`, name: "Admin", role: "admin", password } });
    const { token } = await signIn({ ctx: system, input: { email: admin.email, password }, meta: { ip: null, userAgent: "vitest" } });
    adminCookie = `${SESSION_COOKIE}=${token}`;
  });
  afterAll(async () => {
    await server?.close();
    for (const k of ENV_KEYS) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    resetEnvCache();
  });

  it("alert_on_failures without a channel of that type says how to configure one, and stores nothing", async () => {
    const before = await counts();
    const e = await failure(alertOnFailures({ ctx: ctx(), input: { client_id: "*", metric_name: "uptime", threshold: 95.0, comparison: "less_than", alert_type: "slack" } }));
    expect(e.status).toBe(422);
    expect(e.issues).toEqual([{ path: "alert_type", message: expect.stringMatching(/no slack channel is configured.*Settings → Channels.*SLACK_WEBHOOK_URL.*destination/) }]);
    expect(await counts()).toEqual(before);
  });

  it("the seed's one-liner works as written once a Slack channel exists: defaults, plain words, the default channel", async () => {
    const slack = await createChannel({ ctx: ctx(), input: { type: "slack", destination: "https://hooks.slack.com/services/T0/B0/abcdefghijkl" } });
    expect(slack).toMatchObject({ is_default: true, client_id: null, source: "settings", destination: "https://hooks.slack.com/…ijkl" });
    // No "not hooks.slack.com" warning (a machine without DNS adds "could not be resolved now").
    expect(slack.warnings.filter((w) => !w.includes("could not be resolved"))).toEqual([]);
    const rule = await alertOnFailures({ ctx: ctx(), input: { client_id: "*", metric_name: "uptime", threshold: 95.0, comparison: "less_than", alert_type: "slack" } });
    expect(rule).toMatchObject({
      client_id: "*",
      system: null,
      metric: "uptime",
      comparison: "less_than",
      threshold: 95,
      window_minutes: 1440,
      severity: "critical",
      for_count: 1,
      notify_recovery: true,
      remind_every_minutes: null,
      enabled: true,
      channels: [{ id: slack.id, type: "slack", name: slack.name }],
      description: "uptime over 24 h < 95 %",
      firing: 0,
    });
    expect(rule.channel_created).toBeUndefined();
    // Other metrics' defaults and the comparison aliases.
    const p95 = await alertOnFailures({ ctx: ctx(), input: { client_id: A, metric_name: "response_time", threshold: 5000, comparison: ">", alert_type: "slack" } });
    expect(p95).toMatchObject({ comparison: "greater_than", window_minutes: 60, severity: "warning", description: "p95 response time over 1 h > 5000 ms" });
    const down = await alertOnFailures({ ctx: ctx(), input: { client_id: A, system: "billing", metric_name: "status", threshold: 2, comparison: "gte", alert_type: "slack" } });
    expect(down).toMatchObject({ system: "Billing", comparison: "greater_or_equal", window_minutes: 0, severity: "critical", description: "status is down" });
    // REST takes the seed's shape too.
    const res = await thresholdsRoute.POST(restReq("POST", "/api/alert-thresholds", { client_id: B, metric_name: "success_rate", threshold: 90, comparison: "less_than", alert_type: "slack" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ client_id: B, metric: "success_rate", window_minutes: 60, severity: "warning", description: "success rate over 1 h < 90 %" });
  });

  it("rules: create, list (a client's with the global ones, or only \"*\"), get, update, delete", async () => {
    const slack = (await listChannels({ ctx: ctx(), input: { type: "slack", client_id: "*" } })).channels[0];
    const own = await createThreshold({ ctx: ctx(), input: { client_id: A, system: "Lead Processing", metric: "daily_automations", comparison: "less_than", threshold: 10, remind_every_minutes: 30, channels: [slack.id] } });
    expect(own).toMatchObject({ client_id: A, system: "Lead Processing", window_minutes: 1440, severity: "warning", remind_every_minutes: 30, description: "automations over 24 h < 10" });
    const forA = await listThresholds({ ctx: ctx(), input: { client_id: A } });
    expect(forA.thresholds.some((t) => t.client_id === "*")).toBe(true);
    expect(new Set(forA.thresholds.map((t) => t.client_id))).toEqual(new Set([A, "*"]));
    expect(forA.thresholds.at(-1)!.client_id).toBe("*"); // the client's own first
    const onlyOwn = await listThresholds({ ctx: ctx(), input: { client_id: A, include_global: false } });
    expect(new Set(onlyOwn.thresholds.map((t) => t.client_id))).toEqual(new Set([A]));
    const global = await listThresholds({ ctx: ctx(), input: { client_id: "*" } });
    expect(global.thresholds.every((t) => t.client_id === "*")).toBe(true);
    const onSystem = await listThresholds({ ctx: ctx(), input: { client_id: A, system: "lead processing", include_global: false } });
    expect(onSystem.thresholds.map((t) => t.system)).not.toContain("Billing");
    expect(onSystem.thresholds.map((t) => t.id)).toContain(own.id);

    expect(await getThreshold({ ctx: ctx(), input: { id: own.id } })).toEqual(own);
    const changed = await updateThreshold({ ctx: ctx(), input: { id: own.id, threshold: 20, system: null, severity: "critical", enabled: false, channels: [] } });
    expect(changed).toMatchObject({ threshold: 20, system: null, severity: "critical", enabled: false, channels: [], remind_every_minutes: 30 });
    // A new metric without a window takes that metric's default window.
    expect(await updateThreshold({ ctx: ctx(), input: { id: own.id, metric: "error_rate", threshold: 5, comparison: "greater_than" } })).toMatchObject({ window_minutes: 60, description: "error rate over 1 h > 5 %" });
    const audit = await db().auditLog.findMany({ where: { targetId: own.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["alert_threshold.create", "alert_threshold.update", "alert_threshold.update"]);

    // Over REST: PATCH and DELETE by id, 404 afterwards.
    const patched = await thresholdRoute.PATCH(restReq("PATCH", `/api/alert-thresholds/${own.id}`, { enabled: true }), idParams(own.id));
    expect(patched.status).toBe(200);
    expect((await patched.json()).enabled).toBe(true);
    expect((await thresholdRoute.DELETE(restReq("DELETE", `/api/alert-thresholds/${own.id}`), idParams(own.id))).status).toBe(200);
    expect((await thresholdRoute.GET(restReq("GET", `/api/alert-thresholds/${own.id}`), idParams(own.id))).status).toBe(404);
    const list = await thresholdsRoute.GET(restReq("GET", `/api/alert-thresholds?client=${A}&include_global=false`));
    expect(((await list.json()).thresholds as { id: string }[]).map((t) => t.id)).not.toContain(own.id);
  });

  it("disabling or deleting a rule closes its firing alerts at once (a 'closed' event, no message), not on the next pass", async () => {
    const clientRef = (await db().client.findUniqueOrThrow({ where: { clientId: A } })).id;
    const firingFor = async (thresholdId: string) =>
      db().alert.create({
        data: { thresholdId, clientRef, state: "firing", severity: "warning", metric: "success_rate", comparison: "less_than", thresholdValue: 90, observedValue: 80, message: "success rate 80 % < 90 %", startedAt: new Date() },
      });
    const rule = await createThreshold({ ctx: ctx(), input: { client_id: A, metric: "success_rate", comparison: "less_than", threshold: 90 } });
    const first = await firingFor(rule.id);
    await updateThreshold({ ctx: ctx(), input: { id: rule.id, enabled: false } });
    expect(await db().alert.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ state: "resolved", resolvedAt: expect.any(Date) });
    expect((await db().alertEvent.findMany({ where: { alertId: first.id } })).map((e) => e.detail)).toEqual(["closed: its rule was disabled"]);

    await updateThreshold({ ctx: ctx(), input: { id: rule.id, enabled: true } });
    const second = await firingFor(rule.id);
    await deleteThreshold({ ctx: ctx(), input: { id: rule.id } });
    expect(await db().alert.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ state: "resolved", thresholdId: null });
    expect((await db().alertEvent.findMany({ where: { alertId: second.id } })).map((e) => e.detail)).toEqual(["closed: its rule was deleted"]);
    expect(await db().notificationItem.count({ where: { alertId: { in: [first.id, second.id] } } })).toBe(0);
  });

  it("bad input: precise field errors, nothing stored", async () => {
    const slack = (await listChannels({ ctx: ctx(), input: { type: "slack", client_id: "*" } })).channels[0];
    const rule = { client_id: A, metric: "uptime", comparison: "less_than", threshold: 95 };
    const cases: [unknown, number, { path: string; message: RegExp }][] = [
      [{ ...rule, metric: "latency" }, 422, { path: "metric", message: /must be one of uptime, response_time, status, success_rate, daily_automations, error_rate, cost_savings, flapping, stalled, sla/ }],
      [{ ...rule, comparison: "above" }, 422, { path: "comparison", message: /must be one of greater_than, less_than, equals, greater_or_equal, less_or_equal/ }],
      [{ ...rule, threshold: "95" }, 422, { path: "threshold", message: /^must be a number$/ }],
      [{ client_id: A, metric: "uptime", comparison: "less_than" }, 422, { path: "threshold", message: /^is required$/ }],
      [{ ...rule, threshold: 150 }, 422, { path: "threshold", message: /must be a percentage from 0 to 100 for uptime/ }],
      [{ ...rule, metric: "status", threshold: 5 }, 422, { path: "threshold", message: /1 \(degraded or worse\) or 2 \(down\)/ }],
      [{ ...rule, metric: "response_time", threshold: -1 }, 422, { path: "threshold", message: /milliseconds/ }],
      [{ ...rule, metric: "flapping", threshold: 1, window_minutes: 60 }, 422, { path: "window_minutes", message: /does not apply to flapping/ }],
      [{ ...rule, window_minutes: 2 }, 422, { path: "window_minutes", message: /at least 5 minutes/ }],
      [{ ...rule, remind_every_minutes: 3 }, 422, { path: "remind_every_minutes", message: /at least 5 minutes/ }],
      [{ ...rule, severity: "high" }, 422, { path: "severity", message: /critical, warning/ }],
      [{ ...rule, system: "Nope" }, 422, { path: "system", message: /has no system named "Nope" \(its systems: Lead Processing, Billing\)/ }],
      [{ ...rule, client_id: "*", system: "Billing" }, 422, { path: "system", message: /needs a client_id/ }],
      [{ ...rule, thershold: 3 }, 422, { path: "thershold", message: /"thershold" is not a known field/ }],
      [{ ...rule, channels: ["00000000-0000-4000-8000-000000000000"] }, 422, { path: "channels.0", message: /no channel with this id/ }],
      [{ ...rule, channels: ["not-an-id"] }, 422, { path: "channels.0", message: /UUID/ }],
      [{ ...rule, client_id: "no-such-client" }, 404, { path: "client_id", message: /no client "no-such-client"/ }],
      [{ ...rule, client_id: "Not A Slug" }, 422, { path: "client_id", message: /"\*" \(every client\) or a client_id/ }],
    ];
    for (const [input, status, issue] of cases) {
      const before = await counts();
      const e = await failure(createThreshold({ ctx: ctx(), input: untrusted(input) }));
      expect(e.status, JSON.stringify(input)).toBe(status);
      expect(e.issues, JSON.stringify(input)).toEqual([{ path: issue.path, message: expect.stringMatching(issue.message) }]);
      expect(await counts()).toEqual(before);
    }
    // The same through REST: the envelope names the field.
    const res = await thresholdsRoute.POST(restReq("POST", "/api/alert-thresholds", { ...rule, metric: "latency" }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.issues[0].path).toBe("metric");
    const missing = await thresholdsRoute.POST(restReq("POST", "/api/alert-thresholds", { ...rule, client_id: "ghost-client" }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: "not_found", issues: [{ path: "client_id" }] });
    // An update checks the rule as a whole: uptime → status keeps 95, which makes no sense for status.
    const ok = await createThreshold({ ctx: ctx(), input: { ...rule, channels: [slack.id] } });
    const e = await failure(updateThreshold({ ctx: ctx(), input: { id: ok.id, metric: "status" } }));
    expect(e.issues).toEqual([{ path: "threshold", message: expect.stringMatching(/for status$/) }]);
    expect(await failure(updateThreshold({ ctx: ctx(), input: untrusted({ id: ok.id, client_id: B }) }))).toMatchObject({ status: 422, issues: [{ path: "client_id" }] });
    expect((await getThreshold({ ctx: ctx(), input: { id: ok.id } })).metric).toBe("uptime");
    // alert_on_failures reports every problem at once.
    const seed = await failure(alertOnFailures({ ctx: ctx(), input: untrusted({ client_id: A, metric_name: "uptime", threshold: 120, comparison: "less_than", alert_type: "email" }) }));
    expect(seed.issues?.map((i) => i.path).sort()).toEqual(["alert_type", "threshold"]);
    await deleteThreshold({ ctx: ctx(), input: { id: ok.id } });
  });

  it("channels: bad destinations are refused on the field (email, scheme, private and metadata addresses), nothing stored", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ type: "email", destination: "ops@agency.example, not-an-address" }, "destination", /"not-an-address" is not a valid email address/],
      [{ type: "slack", destination: "ftp://hooks.slack.com/services/x" }, "destination", /http:\/\/ or https:\/\//],
      [{ type: "slack", destination: "hooks.slack.com/services/x" }, "destination", /valid URL/],
      [{ type: "webhook", destination: "http://10.0.0.5/hook" }, "destination", /private address.*ALLOWED_PRIVATE_TARGETS/],
      [{ type: "webhook", destination: "http://localhost:9/hook" }, "destination", /loopback/],
      [{ type: "webhook", destination: "http://169.254.169.254/latest/meta-data/" }, "destination", /cloud metadata/],
      [{ type: "slack", destination: "http://[fd00:ec2::254]/x" }, "destination", /cloud metadata/],
      [{ type: "webhook", destination: "https://user:pw@hooks.example.com/x" }, "destination", /username or password/],
      [{ type: "webhook", destination: "https://8.8.8.8/x", headers: { "X-Token": "a\r\nInjected: yes" } }, "headers.X-Token", /line breaks/],
      [{ type: "webhook", destination: "https://8.8.8.8/x", headers: { "Content-Type": "text/plain" } }, "headers.Content-Type", /set by ClientPulse/],
      [{ type: "slack", destination: "https://8.8.8.8/x", headers: { "X-A": "1" } }, "headers", /only webhook channels/],
      [{ type: "sms", destination: "+15550100" }, "type", /email, slack, webhook/],
      [{ type: "email", destination: "ops@agency.example", client_id: "ghost-client" }, "client_id", /no client/],
    ];
    for (const [input, path, message] of cases) {
      const before = await counts();
      const e = await failure(createChannel({ ctx: ctx(), input: untrusted(input) }));
      expect(e.issues, JSON.stringify(input)).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
      expect(await counts()).toEqual(before);
    }
    // The same policy as the probes: an admin's ALLOWED_PRIVATE_TARGETS lets a private receiver in; metadata stays out.
    process.env.ALLOWED_PRIVATE_TARGETS = "10.0.0.0/8,169.254.0.0/16";
    resetEnvCache();
    try {
      const internal = await createChannel({ ctx: ctx(), input: { type: "webhook", destination: "http://10.0.0.5/hook", name: "Internal" } });
      expect(internal.warnings).toContain("http:// sends alerts unencrypted; prefer https://");
      secrets.push(internal.secret!);
      await deleteChannel({ ctx: ctx(), input: { id: internal.id } });
      expect((await failure(createChannel({ ctx: ctx(), input: { type: "webhook", destination: "http://169.254.169.254/x" } }))).issues?.[0].path).toBe("destination");
    } finally {
      delete process.env.ALLOWED_PRIVATE_TARGETS;
      resetEnvCache();
    }
    // Slack-compatible receivers off hooks.slack.com are fine, with a warning.
    const mattermost = await createChannel({ ctx: ctx(), input: { type: "slack", destination: "https://8.8.8.8/hooks/mattermost123", name: "Mattermost" } });
    expect(mattermost.warnings).toEqual(["not hooks.slack.com: sent as a Slack-compatible webhook (Mattermost, Rocket.Chat)"]);
    expect(mattermost.is_default).toBe(false); // the agency already has a default Slack channel
    const res = await channelsRoute.POST(restReq("POST", "/api/alert-channels", { type: "email", destination: "nope" }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.issues).toEqual([{ path: "destination", message: '"nope" is not a valid email address' }]);
  });

  it("a webhook's secret is shown once (create, rotate) and never again: not in list, get, REST, MCP or the audit log", async () => {
    const created = await createChannel({ ctx: ctx(), input: { type: "webhook", destination: "https://8.8.4.4/clientpulse/endpoint-1234", headers: { Authorization: "Bearer receiver-token-xyz" } } });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(created.secret!.slice(6), "base64")).toHaveLength(24);
    // The secret signs and verifies per Standard Webhooks.
    const wh = new Webhook(created.secret!);
    const body = JSON.stringify({ ok: true });
    const id = "msg_test";
    const at = new Date();
    expect(wh.verify(body, { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": wh.sign(id, at, body) })).toEqual({ ok: true });
    expect(created).toMatchObject({ has_secret: true, header_names: ["Authorization"], destination: "https://8.8.4.4/…1234" });
    const rotated = await rotateChannelSecret({ ctx: ctx(), input: { id: created.id } });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect((await db().alertChannel.findUniqueOrThrow({ where: { id: created.id } })).secret).toBe(rotated.secret);
    secrets.push(created.secret!, rotated.secret!, "receiver-token-xyz", "/clientpulse/endpoint-1234");
    // A rule through the channel, so MCP's list_thresholds carries it.
    await createThreshold({ ctx: ctx(), input: { client_id: A, metric: "stalled", comparison: "equals", threshold: 1, channels: [created.id] } });
    // Headers: a value sets, null removes, others kept; values never shown.
    const updated = await updateChannel({ ctx: ctx(), input: { id: created.id, headers: { "X-Extra": "extra-value-987", authorization: null } } });
    expect(updated.header_names).toEqual(["X-Extra"]);
    secrets.push("extra-value-987");
    expect((await failure(rotateChannelSecret({ ctx: ctx(), input: { id: (await listChannels({ ctx: ctx(), input: { type: "slack" } })).channels[0].id } }))).issues?.[0].path).toBe("id");

    const key = await newApiKey(db(), { name: "secret-check" });
    const mcp = new Client({ name: "t", version: "1" });
    await mcp.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(key) } }));
    const outputs = JSON.stringify([
      await listChannels({ ctx: ctx() }),
      await getChannel({ ctx: ctx(), input: { id: created.id } }),
      updated,
      await (await channelsRoute.GET(restReq("GET", "/api/alert-channels"))).json(),
      await (await channelRoute.GET(restReq("GET", `/api/alert-channels/${created.id}`), idParams(created.id))).json(),
      await listThresholds({ ctx: ctx() }),
      await mcp.callTool({ name: "list_thresholds", arguments: {} }),
      await mcp.listTools(),
    ]);
    await mcp.close();
    const audit = JSON.stringify(await db().auditLog.findMany(), bigintSafe);
    for (const s of secrets) {
      expect(outputs).not.toContain(s);
      expect(audit).not.toContain(s);
    }
    expect(outputs).not.toContain("whsec_");
    expect(audit).not.toContain("whsec_");
  });

  it("per-client override: the client's default channel of a type replaces the agency's for that client only", async () => {
    const agencyEmail = await createChannel({ ctx: ctx(), input: { type: "email", destination: "alerts@agency.example; oncall@agency.example" } });
    expect(agencyEmail).toMatchObject({ destination: "alerts@agency.example, oncall@agency.example", is_default: true, name: "Email to alerts@agency.example (+1)" });
    const rule = await alertOnFailures({ ctx: ctx(), input: { client_id: "*", metric_name: "sla", threshold: 1, comparison: "equals", alert_type: "email" } });
    expect(rule.channels.map((c) => c.id)).toEqual([agencyEmail.id]);
    const refA = (await db().client.findUniqueOrThrow({ where: { clientId: A } })).id;
    const refB = (await db().client.findUniqueOrThrow({ where: { clientId: B } })).id;
    const route = (clientRef: string) => db().$transaction((tx) => channelsForThreshold(tx, rule.id, clientRef));
    expect(await route(refA)).toEqual([agencyEmail.id]);
    const override = await createChannel({ ctx: ctx(), input: { type: "email", destination: "it@acme.example", client_id: A } });
    expect(override).toMatchObject({ client_id: A, is_default: true });
    expect(await route(refA)).toEqual([override.id]);
    expect(await route(refB)).toEqual([agencyEmail.id]);
    // A second client channel made default takes over; the first stops being the override.
    const second = await createChannel({ ctx: ctx(), input: { type: "email", destination: "ops@acme.example", client_id: A, is_default: false } });
    expect(second.is_default).toBe(false);
    expect(await setDefaultChannel({ ctx: ctx(), input: { id: second.id } })).toMatchObject({ is_default: true });
    expect((await getChannel({ ctx: ctx(), input: { id: override.id } })).is_default).toBe(false);
    expect(await route(refA)).toEqual([second.id]);
    // Client lists.
    expect((await listChannels({ ctx: ctx(), input: { client_id: A } })).channels.map((c) => c.id).sort()).toEqual([override.id, second.id].sort());
    // Deleting an override is fine; deleting a channel rules use is refused with the rules listed.
    await deleteChannel({ ctx: ctx(), input: { id: second.id } });
    expect(await route(refA)).toEqual([agencyEmail.id]);
    const refused = await failure(deleteChannel({ ctx: ctx(), input: { id: agencyEmail.id } }));
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(new RegExp(`used by 1 alert rule: \\*: client is below its SLA target \\(${rule.id}\\)`));
    expect(await db().alertChannel.count({ where: { id: agencyEmail.id } })).toBe(1);
    const restRefused = await channelRoute.DELETE(restReq("DELETE", `/api/alert-channels/${agencyEmail.id}`), idParams(agencyEmail.id));
    expect(restRefused.status).toBe(409);
    await deleteThreshold({ ctx: ctx(), input: { id: rule.id } });
    await deleteChannel({ ctx: ctx(), input: { id: agencyEmail.id } });
  });

  it("alert_on_failures with destination finds or creates a channel of that type (source threshold, never a default)", async () => {
    const first = await alertOnFailures({ ctx: ctx(), input: { client_id: A, metric_name: "error_rate", threshold: 10, comparison: "greater_than", alert_type: "webhook", destination: "https://8.8.8.8/acme/hook" } });
    expect(first.channel_created).toMatchObject({ type: "webhook", client_id: A, source: "threshold", is_default: false, has_secret: true });
    expect(first.channel_created!.secret).toMatch(/^whsec_/);
    secrets.push(first.channel_created!.secret!);
    const again = await alertOnFailures({ ctx: ctx(), input: { client_id: A, metric_name: "error_rate", threshold: 20, comparison: "greater_than", alert_type: "webhook", destination: "https://8.8.8.8/acme/hook" } });
    expect(again.channel_created).toBeUndefined();
    expect(again.channels.map((c) => c.id)).toEqual([first.channel_created!.id]);
    // A refused rule leaves no channel behind.
    const before = await counts();
    const e = await failure(alertOnFailures({ ctx: ctx(), input: untrusted({ client_id: A, metric_name: "error_rate", threshold: 200, comparison: ">", alert_type: "email", destination: "new@acme.example" }) }));
    expect(e.issues).toEqual([{ path: "threshold", message: expect.stringMatching(/percentage/) }]);
    const bad = await failure(alertOnFailures({ ctx: ctx(), input: untrusted({ client_id: A, metric_name: "error_rate", threshold: 20, comparison: ">", alert_type: "slack", destination: "http://192.168.1.10/hooks/x" }) }));
    expect(bad.issues).toEqual([{ path: "destination", message: expect.stringMatching(/private address/) }]);
    expect(await counts()).toEqual(before);
  });

  it("MCP: alert_on_failures as written, list / update / delete_threshold, field errors as isError, a bound key only its client", async () => {
    const key = await newApiKey(db(), { name: "mcp-alerts" });
    const client = new Client({ name: "t", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(key) } }));
    const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
    const created = await call("alert_on_failures", { client_id: "*", metric_name: "uptime", threshold: 95.0, comparison: "less_than", alert_type: "slack" });
    expect(created.isError).toBeFalsy();
    const rule = created.structuredContent as { id: string; description: string; severity: string };
    expect(rule).toMatchObject({ description: "uptime over 24 h < 95 %", severity: "critical" });
    const listed = await call("list_thresholds", { client_id: "*" });
    expect((listed.structuredContent as { thresholds: { id: string }[] }).thresholds.map((t) => t.id)).toContain(rule.id);
    const updated = await call("update_threshold", { id: rule.id, threshold: 99, remind_every_minutes: 15 });
    expect(updated.structuredContent).toMatchObject({ threshold: 99, remind_every_minutes: 15, description: "uptime over 24 h < 99 %" });
    const badUpdate = await call("update_threshold", { id: rule.id, remind_every_minutes: 1 });
    expect(JSON.parse((badUpdate.content[0] as { text: string }).text).error.issues).toEqual([{ path: "remind_every_minutes", message: expect.stringMatching(/at least 5/) }]);
    const badMetric = await call("alert_on_failures", { client_id: A, metric_name: "latency", threshold: 1, comparison: "less_than", alert_type: "slack" });
    expect(badMetric.isError).toBe(true);
    expect(JSON.parse((badMetric.content[0] as { text: string }).text).error.issues[0]).toMatchObject({ path: "metric_name", message: expect.stringMatching(/must be one of uptime/) });
    const notNumber = await call("alert_on_failures", { client_id: A, metric_name: "uptime", threshold: "95", comparison: "less_than", alert_type: "slack" });
    expect(JSON.parse((notNumber.content[0] as { text: string }).text).error.issues[0]).toMatchObject({ path: "threshold" });
    // A webhook created for a destination over MCP: no secret in the result, a note instead.
    const hook = await call("alert_on_failures", { client_id: B, metric_name: "cost_savings", threshold: 100, comparison: "less_than", alert_type: "webhook", destination: "https://8.8.4.4/globex" });
    expect(hook.isError).toBeFalsy();
    expect(JSON.stringify(hook)).not.toContain("whsec_");
    expect(hook.structuredContent).toMatchObject({ note: expect.stringMatching(/Rotate secret/), channel_created: { has_secret: true } });
    const deleted = await call("delete_threshold", { id: rule.id });
    expect(deleted.structuredContent).toMatchObject({ id: rule.id, deleted: true });
    expect(await db().alertThreshold.count({ where: { id: rule.id } })).toBe(0);
    await client.close();

    // Bound to A: lists only A's, may create for A, gets 404 for B's rule and 403 for "*".
    const boundKey = await newApiKey(db(), { name: "mcp-bound", client_id: A });
    const bound = new Client({ name: "t", version: "1" });
    await bound.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers: bearer(boundKey) } }));
    const bCall = async (name: string, args: Record<string, unknown>) => (await bound.callTool({ name, arguments: args })) as CallToolResult;
    const mine = (await bCall("list_thresholds", {})).structuredContent as { thresholds: { client_id: string }[] };
    expect(mine.thresholds.length).toBeGreaterThan(0);
    expect(new Set(mine.thresholds.map((t) => t.client_id))).toEqual(new Set([A]));
    expect(JSON.parse(((await bCall("list_thresholds", { client_id: B })).content[0] as { text: string }).text).error.code).toBe("not_found");
    const bRule = (await listThresholds({ ctx: ctx(), input: { client_id: B, include_global: false } })).thresholds[0];
    expect(JSON.parse(((await bCall("update_threshold", { id: bRule.id, threshold: 1 })).content[0] as { text: string }).text).error.code).toBe("not_found");
    expect(JSON.parse(((await bCall("alert_on_failures", { client_id: "*", metric_name: "uptime", threshold: 95, comparison: "<", alert_type: "slack" })).content[0] as { text: string }).text).error.code).toBe("forbidden");
    expect((await bCall("alert_on_failures", { client_id: A, metric_name: "uptime", threshold: 95, comparison: "<", alert_type: "slack" })).isError).toBeFalsy();
    await bound.close();
  });

  it("env channels: created once on first start, nothing new on restarts or concurrent instances, updated when a variable changes", async () => {
    const secret = `whsec_${Buffer.alloc(24, 7).toString("base64")}`;
    Object.assign(process.env, {
      SMTP_URL: "smtp://mailer:pw@127.0.0.1:2525",
      ALERT_EMAIL_TO: "noc@agency.example",
      SLACK_WEBHOOK_URL: "https://8.8.8.8/services/ENV/SLACK/token",
      ALERT_WEBHOOK_URL: "https://8.8.4.4/env-hook",
      ALERT_WEBHOOK_SECRET: secret,
    });
    resetEnvCache();
    secrets.push(secret, "mailer:pw");
    const envChannels = () => db().alertChannel.findMany({ where: { source: "env" }, orderBy: { type: "asc" } });
    const first = await ensureEnvChannels(db());
    expect(first.created).toHaveLength(3);
    // Restarts, and two instances starting at the same moment.
    const again = await Promise.all([ensureEnvChannels(db()), ensureEnvChannels(db())]);
    expect(again.flatMap((r) => [...r.created, ...r.updated])).toEqual([]);
    const rows = await envChannels();
    expect(rows.map((r) => [r.type, r.clientRef, r.destination])).toEqual([
      ["email", null, "noc@agency.example"],
      ["slack", null, "https://8.8.8.8/services/ENV/SLACK/token"],
      ["webhook", null, "https://8.8.4.4/env-hook"],
    ]);
    expect(rows.find((r) => r.type === "webhook")!.secret).toBe(secret);
    // Email had no agency default any more: the env one is it; Slack already had one.
    expect(rows.find((r) => r.type === "email")!.isDefault).toBe(true);
    expect(rows.find((r) => r.type === "slack")!.isDefault).toBe(false);
    process.env.SLACK_WEBHOOK_URL = "https://8.8.8.8/services/ENV/SLACK/rotated";
    resetEnvCache();
    expect(await ensureEnvChannels(db())).toMatchObject({ created: [], updated: [expect.stringMatching(/^slack/)] });
    expect((await envChannels()).map((r) => r.destination)).toContain("https://8.8.8.8/services/ENV/SLACK/rotated");
    expect(await db().alertChannel.count({ where: { source: "env" } })).toBe(3);
    // A value the policy refuses is reported (without the URL's secret part) and not stored.
    process.env.SLACK_WEBHOOK_URL = "http://169.254.169.254/secret-path";
    resetEnvCache();
    const refused = await ensureEnvChannels(db());
    expect(refused.refused).toEqual([expect.stringMatching(/^SLACK_WEBHOOK_URL is not reachable/)]);
    expect(refused.refused[0]).not.toContain("secret-path");
    const audit = JSON.stringify(await db().auditLog.findMany(), bigintSafe);
    for (const s of secrets) expect(audit).not.toContain(s);
    for (const k of ENV_KEYS) delete process.env[k];
    resetEnvCache();
  });
});

const ORIGIN = "http://127.0.0.1:3000";
/** A REST request as the system admin would make it: these tests call handlers with an admin session. */
let adminCookie: string | undefined;
function restReq(method: string, path: string, body?: unknown): Request {
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers: { host: "127.0.0.1:3000", origin: ORIGIN, ...(adminCookie ? { cookie: adminCookie } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
