// The SMTP server alert emails go through. Until lib/env.ts carries SMTP_URL / ALERT_EMAIL_FROM
// (the channel configuration work adds them), they are read here, in this one function.
import { getEnv } from "@/lib/env";

export interface SmtpSettings {
  url: string | null;
  from: string;
}

export function smtpSettings(): SmtpSettings {
  const env = getEnv() as ReturnType<typeof getEnv> & { SMTP_URL?: string; ALERT_EMAIL_FROM?: string };
  const url = env.SMTP_URL ?? process.env.SMTP_URL?.trim() ?? null;
  const from = env.ALERT_EMAIL_FROM ?? process.env.ALERT_EMAIL_FROM?.trim() ?? `ClientPulse <alerts@${hostOf(env.APP_URL) ?? "localhost"}>`;
  return { url: url || null, from };
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}
