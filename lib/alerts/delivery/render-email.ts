// The email body: a subject, an HTML part (inline styles only: mail clients drop <style>) and a
// plain-text part with the same content. Every piece of user text goes through escapeHtml.
import { escapeHtml, oneLine } from "./escape";
import { formatTime, LINE_LABEL, type AlertLine, type RenderModel } from "./render-model";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const COLOR: Record<string, string> = { firing: "#b91c1c", reminder: "#b91c1c", flapping: "#b45309", resolved: "#15803d", fired_and_recovered: "#15803d" };

function when(line: AlertLine): string {
  if (line.status === "fired_and_recovered" || line.status === "resolved") {
    return `from ${formatTime(line.startedAt)}${line.resolvedAt ? ` to ${formatTime(line.resolvedAt)}` : ""}`;
  }
  return `since ${formatTime(line.startedAt)}`;
}

function label(line: AlertLine): string {
  return line.status === "reminder" && line.reminder ? `${LINE_LABEL.reminder} (reminder ${line.reminder})` : LINE_LABEL[line.status];
}

export function renderEmail(model: RenderModel): RenderedEmail {
  const subject = oneLine(`${model.status === "client_down" || model.status === "firing" ? "🔴 " : model.status === "resolved" ? "✅ " : ""}${model.headline}`, 200);
  const textLines: string[] = [model.headline, ""];
  if (model.intro) textLines.push(model.intro, "");
  for (const l of model.lines) {
    textLines.push(`- ${label(l)} [${l.severity}]${l.system ? ` ${l.system}:` : ""} ${l.message}`);
    textLines.push(`  Value: ${l.valueText}; ${when(l)}`);
  }
  if (model.lines.length) textLines.push("");
  if (model.links.client) textLines.push(`Open ${model.client?.name ?? "the client"}: ${model.links.client}`);
  textLines.push(`All alerts: ${model.links.alerts}`, "", `Message ${model.messageId} from ClientPulse.`);

  const rows = model.lines
    .map(
      (l) => `<tr>
<td style="padding:8px;border-top:1px solid #e5e7eb;color:${COLOR[l.status]};font-weight:600;white-space:nowrap">${escapeHtml(label(l))}</td>
<td style="padding:8px;border-top:1px solid #e5e7eb">${l.system ? `<strong>${escapeHtml(l.system)}</strong>: ` : ""}${escapeHtml(l.message)}<br>
<span style="color:#6b7280">${escapeHtml(l.severity)} · ${escapeHtml(l.valueText)} · ${escapeHtml(when(l))}</span></td>
</tr>`,
    )
    .join("\n");
  const button = model.links.client
    ? `<p><a href="${escapeHtml(model.links.client)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px">Open ${escapeHtml(model.client?.name ?? "client")} in ClientPulse</a></p>`
    : "";
  const html = `<!doctype html>
<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#111827;background:#ffffff">
<h1 style="font-size:18px;margin:0 0 8px">${escapeHtml(model.headline)}</h1>
${model.intro ? `<p style="margin:0 0 12px">${escapeHtml(model.intro)}</p>` : ""}
${rows ? `<table style="border-collapse:collapse;width:100%;max-width:640px">${rows}</table>` : ""}
${button}
<p style="color:#6b7280;font-size:12px">All alerts: <a href="${escapeHtml(model.links.alerts)}">${escapeHtml(model.links.alerts)}</a> · message ${escapeHtml(model.messageId)}</p>
</body></html>`;
  return { subject, html, text: textLines.join("\n") };
}
