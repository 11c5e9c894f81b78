// A Slack Block Kit message for incoming webhooks (and Slack-compatible receivers: Mattermost,
// Rocket.Chat read `text` and ignore what they do not know). Slack's limits: header ≤ 150
// characters, a section's text ≤ 3,000, ≤ 50 blocks; `text` is the notification fallback.
// User text is escaped (&, <, >) so a name like "<!channel>" cannot ping anyone.
import { clip, escapeSlack, oneLine } from "./escape";
import { formatTime, LINE_LABEL, type AlertLine, type RenderModel } from "./render-model";

export const SLACK_MAX_BLOCKS = 50;
export const SLACK_HEADER_MAX = 150;
export const SLACK_SECTION_MAX = 3000;

type Block = Record<string, unknown>;
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

const EMOJI: Record<string, string> = { firing: "🔴", reminder: "🔁", flapping: "🟠", resolved: "✅", fired_and_recovered: "✅" };

function lineText(l: AlertLine): string {
  const when = l.status === "resolved" || l.status === "fired_and_recovered"
    ? `${formatTime(l.startedAt)} → ${l.resolvedAt ? formatTime(l.resolvedAt) : "now"}`
    : `since ${formatTime(l.startedAt)}`;
  const head = `${EMOJI[l.status]} *${LINE_LABEL[l.status]}*${l.status === "reminder" && l.reminder ? ` (reminder ${l.reminder})` : ""} · ${escapeSlack(l.severity)}${l.system ? ` · *${escapeSlack(l.system)}*` : ""}`;
  return clip(`${head}\n${escapeSlack(l.message)}\n*Value:* ${escapeSlack(l.valueText)}  ·  ${when}`, SLACK_SECTION_MAX);
}

export function renderSlack(model: RenderModel): SlackMessage {
  const blocks: Block[] = [{ type: "header", text: { type: "plain_text", text: oneLine(model.headline, SLACK_HEADER_MAX), emoji: true } }];
  if (model.intro) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(escapeSlack(model.intro), SLACK_SECTION_MAX) } });
  // Room for: header, intro, the "more" context, the divider and the actions block.
  const room = SLACK_MAX_BLOCKS - blocks.length - 3;
  const shown = model.lines.slice(0, room);
  for (const l of shown) blocks.push({ type: "section", text: { type: "mrkdwn", text: lineText(l) } });
  if (model.lines.length > shown.length) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `…and ${model.lines.length - shown.length} more; see all alerts in ClientPulse.` }] });
  }
  blocks.push({ type: "divider" });
  const buttons: Block[] = [];
  if (model.links.client) buttons.push({ type: "button", text: { type: "plain_text", text: clip(`Open ${model.client?.name ?? "client"}`, 75) }, url: model.links.client, style: model.status === "resolved" ? undefined : "primary" });
  buttons.push({ type: "button", text: { type: "plain_text", text: "All alerts" }, url: model.links.alerts });
  blocks.push({ type: "actions", elements: buttons.map((b) => JSON.parse(JSON.stringify(b)) as Block) });
  const fallback = model.lines.length > 1 ? `${model.headline} (${model.lines.length} alerts)` : model.headline;
  return { text: clip(escapeSlack(oneLine(fallback, 500)), SLACK_SECTION_MAX), blocks };
}
