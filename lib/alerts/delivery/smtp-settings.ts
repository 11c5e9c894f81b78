// The SMTP server alert emails go through (SMTP_URL) and their sender (ALERT_EMAIL_FROM, by
// default alerts@ the APP_URL's host).
import { getEnv } from "@/lib/env";

export interface SmtpSettings {
  url: string | null;
  from: string;
}

export function smtpSettings(): SmtpSettings {
  const env = getEnv();
  const from = env.ALERT_EMAIL_FROM ?? `ClientPulse <alerts@${hostOf(env.APP_URL) ?? "localhost"}>`;
  return { url: env.SMTP_URL ?? null, from };
}

function hostOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
}
