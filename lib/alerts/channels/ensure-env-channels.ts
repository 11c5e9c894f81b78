// Channels from the environment, made at start-up: SMTP_URL + ALERT_EMAIL_TO (email),
// SLACK_WEBHOOK_URL (slack), ALERT_WEBHOOK_URL + ALERT_WEBHOOK_SECRET (webhook) each give one
// agency channel with source "env". There is at most one env channel per type: a restart (or a
// second instance starting at the same moment, serialised by an advisory lock) finds it and
// creates nothing; a changed variable updates it in place (its rules keep pointing at it).
// It becomes the agency default of its type when there is none yet. To stop using it, disable
// it in Settings → Channels or unset the variable; deleting it while the variable is still set
// brings it back at the next start, because the environment is where it is configured.
import type { ChannelType } from "@/lib/alerts/contracts";
import { recordAudit } from "@/lib/audit/record-audit";
import { systemContext } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { channelInclude, toChannelOutput } from "./channel-output";
import { storeChannel } from "./create-channel";
import { checkDestination } from "./destination";

// Any constant shared by every instance; distinct from the first-admin lock (727073).
const ENV_CHANNELS_LOCK = 727_074;

interface Wanted {
  type: ChannelType;
  variable: string;
  destination: string;
  secret?: string;
}

function wantedFromEnv(): Wanted[] {
  const env = getEnv();
  const out: Wanted[] = [];
  if (env.SMTP_URL && env.ALERT_EMAIL_TO) out.push({ type: "email", variable: "ALERT_EMAIL_TO", destination: env.ALERT_EMAIL_TO });
  if (env.SLACK_WEBHOOK_URL) out.push({ type: "slack", variable: "SLACK_WEBHOOK_URL", destination: env.SLACK_WEBHOOK_URL });
  if (env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET) out.push({ type: "webhook", variable: "ALERT_WEBHOOK_URL", destination: env.ALERT_WEBHOOK_URL, secret: env.ALERT_WEBHOOK_SECRET });
  return out;
}

export interface EnvChannelsReport {
  created: string[];
  updated: string[];
  /** Variables whose value the checks refused (e.g. a private address): one line each, no secret. */
  refused: string[];
}

/** Creates or updates the env channels; returns what it did, for one start-up log line. */
export async function ensureEnvChannels(db: Db): Promise<EnvChannelsReport> {
  const report: EnvChannelsReport = { created: [], updated: [], refused: [] };
  const ctx = systemContext(db);
  for (const want of wantedFromEnv()) {
    // Checked outside the transaction: it may wait on DNS, and on PGlite an open transaction holds up every query.
    const checked = await checkDestination(want.type, want.destination);
    if (checked.issues.length) {
      report.refused.push(`${want.variable} ${checked.issues[0].message}`);
      continue;
    }
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ENV_CHANNELS_LOCK})`;
      const existing = await tx.alertChannel.findFirst({ where: { source: "env", type: want.type, clientRef: null }, orderBy: { createdAt: "asc" }, include: channelInclude });
      if (!existing) {
        const created = await storeChannel(ctx, tx, { type: want.type, destination: checked.destination, clientRef: null, source: "env", secret: want.secret }, checked.warnings);
        report.created.push(`${created.type} "${created.name}"`);
        return;
      }
      const secretChanged = want.type === "webhook" && existing.secret !== want.secret;
      if (existing.destination === checked.destination && !secretChanged) return;
      const row = await tx.alertChannel.update({ where: { id: existing.id }, data: { destination: checked.destination, ...(want.type === "webhook" ? { secret: want.secret } : {}) }, include: channelInclude });
      await recordAudit(
        ctx,
        {
          action: "alert_channel.update",
          targetType: "alert_channel",
          targetId: row.id,
          summary: { from: want.variable, destination: toChannelOutput(row).destination, secret_changed: secretChanged },
        },
        tx,
      );
      report.updated.push(`${row.type} "${row.name}"`);
    });
  }
  return report;
}

/** The start-up line: what was made from the environment, or nothing when nothing changed. */
export async function ensureEnvChannelsAtStart(db: Db): Promise<void> {
  try {
    const { created, updated, refused } = await ensureEnvChannels(db);
    if (created.length) console.log(`ClientPulse alert channels from the environment: created ${created.join(", ")}`);
    if (updated.length) console.log(`ClientPulse alert channels from the environment: updated ${updated.join(", ")}`);
    for (const line of refused) console.warn(`ClientPulse alert channel not created: ${line}`);
  } catch (error) {
    // Alerting configuration must not keep the dashboard from starting; the next start retries.
    console.error(`ClientPulse could not set up alert channels from the environment: ${(error as Error).message}`);
  }
}
