// The three bodies from one model: grouping (several alerts → one message), "client down" when
// every enabled system is down, "fired and recovered" when an alert resolved before sending,
// escaping of user text, Slack's limits, the webhook schema, and no destination or secret.
import { describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { escapeHtml, escapeSlack } from "./escape";
import { renderEmail } from "./render-email";
import { buildRenderModel, isEmpty, type AlertFacts, type MessageFacts } from "./render-model";
import { renderSlack, SLACK_HEADER_MAX, SLACK_MAX_BLOCKS, SLACK_SECTION_MAX } from "./render-slack";
import { renderWebhook } from "./render-webhook";
import { signWebhook, webhookHeaders } from "./sign-webhook";
import { backoffMs, BASE_DELAY_MS, MAX_DELAY_MS, parseRetryAfter } from "./retry-policy";
import { scrubSecrets } from "./send-result";

const T0 = new Date("2026-12-03T14:00:00.000Z");
const systems = [
  { id: "s1", name: "API" },
  { id: "s2", name: "Worker" },
];

function alert(over: Partial<AlertFacts> = {}): AlertFacts {
  return {
    id: over.id ?? `a-${Math.random().toString(36).slice(2, 8)}`,
    system: "API",
    systemId: "s1",
    metric: "uptime",
    comparison: "less_than",
    threshold: 95,
    observed: 91.2,
    severity: "critical",
    state: "firing",
    message: "uptime 91.2 % over 24 h < 95 %",
    flapping: false,
    startedAt: T0,
    resolvedAt: null,
    windowMinutes: 1440,
    ...over,
  };
}

function facts(items: MessageFacts["items"], over: Partial<MessageFacts> = {}): MessageFacts {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    messageId: "msg_000000000000400080000000000001",
    kind: "alert",
    payload: null,
    createdAt: T0,
    client: { slug: "acme", name: "Acme <Logistics> & Co", enabledSystems: systems },
    items,
    appUrl: "https://pulse.example.com/",
    now: new Date(T0.getTime() + 60_000),
    ...over,
  };
}

const downAlert = (id: string, systemId: string, system: string) =>
  alert({ id, systemId, system, metric: "status", comparison: "greater_or_equal", threshold: 2, observed: 2, message: `${system} is down: HTTP 503` });

describe("render model", () => {
  it("groups several alerts of a client into one message, firing first", () => {
    const m = buildRenderModel(
      facts([
        { eventKey: "resolved", at: T0, alert: alert({ id: "r", state: "resolved", resolvedAt: T0, message: "p95 back under 800 ms", metric: "response_time" }) },
        { eventKey: "firing", at: T0, alert: alert({ id: "f1" }) },
        { eventKey: "firing", at: T0, alert: alert({ id: "f2", system: "Worker", systemId: "s2", severity: "warning", message: "error rate 12 % > 5 %" }) },
      ]),
    );
    expect(m.status).toBe("mixed");
    expect(m.lines.map((l) => [l.id, l.status])).toEqual([["f1", "firing"], ["f2", "firing"], ["r", "resolved"]]);
    expect(m.headline).toBe("Acme <Logistics> & Co: 2 alerts firing, 1 recovered");
    expect(m.clientDown).toBeNull();
    expect(m.links.client).toBe("https://pulse.example.com/clients/acme");
  });

  it("an alert that resolved before the message went out says fired and recovered (one line for both events)", () => {
    const a = alert({ id: "x", state: "resolved", resolvedAt: new Date(T0.getTime() + 40_000) });
    const both = buildRenderModel(facts([{ eventKey: "firing", at: T0, alert: a }, { eventKey: "resolved", at: T0, alert: a }]));
    expect(both.lines).toHaveLength(1);
    expect(both.lines[0]!.status).toBe("fired_and_recovered");
    expect(both.status).toBe("resolved");
    expect(both.headline).toMatch(/^Fired and recovered: Acme/);
    const firingOnly = buildRenderModel(facts([{ eventKey: "firing", at: T0, alert: a }]));
    expect(firingOnly.lines[0]!.status).toBe("fired_and_recovered");
    expect(isEmpty(facts([]))).toBe(true);
    expect(isEmpty(facts([{ eventKey: "firing", at: T0, alert: a }]))).toBe(false);
  });

  it("detects a client whose every enabled system is down: one client-down headline", () => {
    const m = buildRenderModel(facts([
      { eventKey: "firing", at: T0, alert: downAlert("d1", "s1", "API") },
      { eventKey: "firing", at: T0, alert: downAlert("d2", "s2", "Worker") },
    ]));
    expect(m.status).toBe("client_down");
    expect(m.clientDown).toEqual({ systems: ["API", "Worker"] });
    expect(m.headline).toBe("Acme <Logistics> & Co is down: all 2 systems are down");
    // One system down of two is not a client down.
    const one = buildRenderModel(facts([{ eventKey: "firing", at: T0, alert: downAlert("d1", "s1", "API") }]));
    expect(one.status).toBe("firing");
    expect(one.clientDown).toBeNull();
    // Degraded (observed 1) is not down; nor is a status alert that already recovered.
    const degraded = buildRenderModel(facts([
      { eventKey: "firing", at: T0, alert: { ...downAlert("d1", "s1", "API"), observed: 1 } },
      { eventKey: "firing", at: T0, alert: downAlert("d2", "s2", "Worker") },
    ]));
    expect(degraded.status).not.toBe("client_down");
    const recovered = buildRenderModel(facts([
      { eventKey: "firing", at: T0, alert: { ...downAlert("d1", "s1", "API"), state: "resolved", resolvedAt: T0 } },
      { eventKey: "firing", at: T0, alert: downAlert("d2", "s2", "Worker") },
    ]));
    expect(recovered.status).not.toBe("client_down");
  });
});

describe("email", () => {
  it("escapes user text in HTML, has a text part, and links to the client page", () => {
    const m = buildRenderModel(facts([{ eventKey: "firing", at: T0, alert: alert({ system: "<script>alert(1)</script>" }) }]));
    const e = renderEmail(m);
    expect(e.subject).not.toMatch(/[\r\n]/);
    expect(e.subject).toContain("Acme <Logistics> & Co");
    expect(e.html).toContain("Acme &lt;Logistics&gt; &amp; Co");
    expect(e.html).not.toContain("<script>");
    expect(e.html).toContain('href="https://pulse.example.com/clients/acme"');
    expect(e.text).toContain("https://pulse.example.com/clients/acme");
    expect(e.text).toContain("91.2 % (threshold < 95 %)");
    expect(e.text).toContain("since 2026-12-03 14:00 UTC");
  });
});

describe("Slack", () => {
  it("escapes &, < and > so <!channel> cannot ping, and carries status, reason, value, since, a button", () => {
    const m = buildRenderModel(facts([{ eventKey: "firing", at: T0, alert: alert({ message: "<!channel> uptime low & falling" }) }]));
    const s = renderSlack(m);
    const json = JSON.stringify(s);
    // Mentions are parsed in mrkdwn and in the `text` fallback, never in plain_text (the header, button labels).
    const mrkdwn = JSON.stringify([s.text, s.blocks.filter((b) => b.type !== "header" && b.type !== "actions")]);
    expect(mrkdwn).not.toContain("<!channel>");
    expect(json).toContain("&lt;!channel&gt; uptime low &amp; falling");
    expect(s.text.length).toBeGreaterThan(0);
    expect(s.blocks[0]).toMatchObject({ type: "header" });
    const section = s.blocks.find((b) => b.type === "section" && JSON.stringify(b).includes("Value"));
    expect(JSON.stringify(section)).toMatch(/Firing.*critical.*API.*91\.2 % \(threshold &lt; 95 %\).*since 2026-12-03 14:00 UTC/);
    const actions = s.blocks.find((b) => b.type === "actions") as { elements: { url: string }[] };
    expect(actions.elements[0]!.url).toBe("https://pulse.example.com/clients/acme");
  });

  it("keeps within Slack's limits for a huge group", () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ eventKey: "firing", at: T0, alert: alert({ id: `a${i}`, message: "x".repeat(5000), system: "S".repeat(300) }) }));
    const s = renderSlack(buildRenderModel(facts(items, { client: { slug: "acme", name: "N".repeat(400), enabledSystems: systems } })));
    expect(s.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    const header = s.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_HEADER_MAX);
    for (const b of s.blocks) if (b.type === "section") expect((b as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(SLACK_SECTION_MAX);
    expect(JSON.stringify(s)).toContain("more; see all alerts");
  });
});

describe("webhook", () => {
  it("has the documented schema; client down is type client.down", () => {
    const body = JSON.parse(renderWebhook(buildRenderModel(facts([
      { eventKey: "firing", at: T0, alert: downAlert("d1", "s1", "API") },
      { eventKey: "firing", at: T0, alert: downAlert("d2", "s2", "Worker") },
    ]))));
    expect(body.type).toBe("client.down");
    expect(body.data.schema_version).toBe(1);
    expect(body.data.message_id).toBe("msg_000000000000400080000000000001");
    expect(body.data.client).toEqual({ id: "acme", name: "Acme <Logistics> & Co", url: "https://pulse.example.com/clients/acme" });
    expect(body.data.alerts[0]).toMatchObject({ id: "d1", status: "firing", metric: "status", system: "API", observed: 2, started_at: T0.toISOString(), resolved_at: null });
    expect(body.data.links.alerts).toBe("https://pulse.example.com/alerts");
  });

  it("signs per Standard Webhooks: the package verifies it, and rejects a tampered body and a stale timestamp", () => {
    const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
    const body = renderWebhook(buildRenderModel(facts([{ eventKey: "firing", at: T0, alert: alert() }])));
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders("msg_1", now, body, secret);
    expect(headers["webhook-signature"]).toBe(signWebhook(secret, "msg_1", now, body));
    const wh = new Webhook(secret);
    expect(wh.verify(body, headers)).toMatchObject({ type: "alert.firing" });
    expect(() => wh.verify(body.replace("critical", "warning"), headers)).toThrow();
    const stale = webhookHeaders("msg_1", now - 600, body, secret);
    expect(() => wh.verify(body, stale)).toThrow();
  });
});

describe("retry policy and secrets", () => {
  it("backs off exponentially with jitter, up to the cap; Retry-After as seconds or a date", () => {
    expect(backoffMs(1, () => 0)).toBe(BASE_DELAY_MS / 2);
    expect(backoffMs(1, () => 1)).toBe(BASE_DELAY_MS);
    expect(backoffMs(3, () => 1)).toBe(BASE_DELAY_MS * 4);
    expect(backoffMs(30, () => 1)).toBe(MAX_DELAY_MS);
    const now = new Date("2026-12-03T14:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Thu, 03 Dec 2026 14:05:00 GMT", now)).toBe(300_000);
    expect(parseRetryAfter("soon", now)).toBeNull();
  });

  it("scrubs a destination URL, its path and the secret from error text", () => {
    const url = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    expect(scrubSecrets(`invalid URL (${url}) and /services/T000/B000/XXXXSECRET whsec_abc123`, [url, "whsec_abc123"])).toBe("invalid URL (…) and … …");
  });

  it("escape helpers", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(escapeSlack("<@U1> & <!here>")).toBe("&lt;@U1&gt; &amp; &lt;!here&gt;");
  });
});
