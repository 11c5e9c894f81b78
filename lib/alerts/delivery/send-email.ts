// Email through SMTP (nodemailer). Classification: EAUTH (535), EENVELOPE and any 5xx reply are
// permanent (dead); 4xx replies (also a 451 to RCPT, which nodemailer reports as EENVELOPE) and
// connection trouble (ESOCKET, ETIMEDOUT, ECONNECTION, DNS) are transient. nodemailer does not
// throw when only some recipients are refused: info.rejected is checked, all refused is dead,
// some refused is delivered with a note (kept as the attempt's error in the delivery log).
import nodemailer, { type Transporter } from "nodemailer";
import type { RenderedEmail } from "./render-email";
import { dead, delivered, retry, type SendResult } from "./send-result";
import { smtpSettings } from "./smtp-settings";

const transports = new Map<string, Transporter>();

function transportFor(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as never);
    transports.set(url, t);
  }
  return t;
}

/** The addresses of an email channel's destination (comma- or semicolon-separated). */
export function recipientsOf(destination: string): string[] {
  return destination.split(/[,;]/).map((a) => a.trim()).filter(Boolean);
}

/** A file sent with an email (a scheduled report's PDF). */
export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** `messageId` (msg_…) becomes the Message-ID too, the same on every retry, so a mail client shows a resend once. */
export async function sendEmail(destination: string, email: RenderedEmail, messageId: string, attachments: readonly EmailAttachment[] = []): Promise<SendResult> {
  const { url, from } = smtpSettings();
  if (!url) return retry("SMTP_URL is not set: email cannot be sent until it is configured");
  const to = recipientsOf(destination);
  if (to.length === 0) return dead("the channel has no recipient address");
  try {
    const info = await transportFor(url).sendMail({
      from,
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      ...(attachments.length ? { attachments: attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) } : {}),
      messageId: `<${messageId}@clientpulse>`,
      headers: { "X-ClientPulse-Message-Id": messageId },
    });
    const code = replyCode(info.response);
    const refused = info.rejected?.length ?? 0;
    if (refused >= to.length) return dead(`every recipient was refused by the mail server`, code);
    return delivered(code, refused ? `${refused} of ${to.length} recipients refused by the mail server` : null);
  } catch (error) {
    return classifySmtpError(error as Error & { code?: string; responseCode?: number });
  }
}

function replyCode(response: string | undefined): number | null {
  const m = /^(\d{3})/.exec(response ?? "");
  return m ? Number(m[1]) : null;
}

export function classifySmtpError(error: Error & { code?: string; responseCode?: number }): SendResult {
  const code = error.responseCode ?? null;
  const what = `SMTP ${error.code ?? "error"}${code ? ` ${code}` : ""}: ${shortMessage(error.message)}`;
  // A 4xx reply is "try again later" whatever the stage: nodemailer reports a refused RCPT as
  // EENVELOPE even when the server said 451 (greylisting, mailbox busy).
  if (code !== null && code >= 400 && code < 500) return retry(what, code);
  if (error.code === "EAUTH" || error.code === "EENVELOPE") return dead(what, code);
  if (code !== null && code >= 500) return dead(what, code);
  return retry(what, code);
}

function shortMessage(message: string): string {
  // nodemailer's messages may quote the server's reply; credentials never appear in them, but
  // the SMTP_URL could, so drop anything that looks like a URL with userinfo.
  return message.replace(/\b\w+:\/\/[^\s@]*@\S+/g, "…").replace(/\s+/g, " ").slice(0, 300);
}
