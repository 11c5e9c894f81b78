// One attempt at one claimed notification: read it, render it for its channel, send it OUTSIDE
// any transaction, then record the outcome in one short transaction: the attempt log line, the
// message's new state (delivered, a retry at its backoff, or dead), the channel's health, and
// the "channel keeps failing" notice when it crossed the line. The marks only apply while this
// worker still holds the lease (locked_by), so a worker that lost its lease never overwrites
// the outcome of the one that took over.
import { performance } from "node:perf_hooks";
import type { Clock } from "@/lib/context";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { channelNetworkPolicy } from "@/lib/alerts/channels/destination";
import type { DueNotification } from "./claim-due-notifications";
import { maybeQueueFailingNotice, recordChannelAttempt } from "./channel-health";
import { loadMessage } from "./load-message";
import { renderEmail, type RenderedEmail } from "./render-email";
import { buildRenderModel, isEmpty } from "./render-model";
import { renderSlack } from "./render-slack";
import { renderWebhook } from "./render-webhook";
import { nextAttemptDelay, shouldGiveUp } from "./retry-policy";
import { sendEmail, type EmailAttachment } from "./send-email";
import { postJson } from "./send-http";
import { dead, retry, scrubSecrets, type SendResult } from "./send-result";
import { webhookHeaders } from "./sign-webhook";

export interface AttemptOutcome {
  notificationId: string;
  /** delivered | retry | dead, or cancelled (nothing to say / channel disabled), or skipped (not ours any more). */
  outcome: SendResult["outcome"] | "cancelled" | "skipped";
  statusCode: number | null;
  error: string | null;
  attempt: number;
  nextAttemptAt: Date | null;
}

/**
 * Builds a scheduled report's email (kind "report"): subject, bodies and the PDF rendered from
 * the stored report. Composed in by instrumentation-node.ts from lib/reports, so the alerting
 * domain never imports reports. null: the report no longer exists.
 */
export type ReportEmailBuilder = (db: Db, reportId: string, messageId: string) => Promise<{ email: RenderedEmail; attachments: EmailAttachment[] } | null>;

export interface DeliverOptions {
  clock: Clock;
  signal?: AbortSignal;
  random?: () => number;
  reportEmail?: ReportEmailBuilder;
}

/** Custom headers of a webhook channel, minus any that would override the signature or the content type. */
function customHeaders(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    const lower = name.toLowerCase();
    if (typeof v !== "string" || lower.startsWith("webhook-") || lower === "content-type" || lower === "content-length" || lower === "host") continue;
    out[name] = v;
  }
  return out;
}

export async function deliverNotification(db: Db, job: DueNotification, options: DeliverOptions): Promise<AttemptOutcome> {
  const { clock } = options;
  const loaded = await loadMessage(db, job.id, clock.now());
  const skipped: AttemptOutcome = { notificationId: job.id, outcome: "skipped", statusCode: null, error: null, attempt: job.attempt, nextAttemptAt: null };
  if (!loaded || loaded.row.state !== "pending" || loaded.row.lockedBy !== job.lockedBy) return skipped;
  const { row, channel, facts } = loaded;

  const isReport = row.kind === "report";
  if (!channel.enabled || isEmpty(facts) || (isReport && !row.reportId)) {
    const reason = !channel.enabled ? "cancelled: the channel was disabled" : isReport ? "cancelled: the report was deleted" : "cancelled: no alerts left to report";
    const done = await db.notification.updateMany({
      where: { id: job.id, lockedBy: job.lockedBy, state: "pending" },
      data: { state: "cancelled", lockedUntil: null, lockedBy: null, lastError: reason },
    });
    return { ...skipped, outcome: done.count ? "cancelled" : "skipped", error: reason };
  }

  const secrets = [channel.destination, channel.secret, ...Object.values(customHeaders(channel.headers))];
  const started = performance.now();
  let result: SendResult;
  try {
    if (isReport) {
      result = await sendReportEmail(db, channel, row.reportId!, facts.messageId, options.reportEmail);
    } else {
      const model = buildRenderModel(facts);
      if (channel.type === "email") {
        result = await sendEmail(channel.destination, renderEmail(model), facts.messageId);
      } else {
        // The same policy the channel was validated with when saved (the env allow-list only; a
        // client's private-network switch is about its systems, not the agency's channels).
        const policy = channelNetworkPolicy();
        if (channel.type === "slack") {
          result = await postJson(channel.destination, JSON.stringify(renderSlack(model)), {}, { policy, signal: options.signal, now: clock.now() });
        } else {
          const body = renderWebhook(model);
          const ts = Math.floor(clock.now().getTime() / 1000);
          const headers = { ...customHeaders(channel.headers), ...webhookHeaders(facts.messageId, ts, body, channel.secret) };
          result = await postJson(channel.destination, body, headers, { policy, signal: options.signal, now: clock.now() });
        }
      }
    }
  } catch (error) {
    // A renderer or sender bug must not leave the message leased until expiry, uncounted: it is
    // recorded as a transient failure, so it is retried and, if it persists, given up (dead).
    result = { outcome: "retry", statusCode: null, error: `unexpected error: ${(error as Error).message}`, retryAfterMs: null };
  }
  const durationMs = Math.round(performance.now() - started);
  if (result.aborted) {
    // This process is stopping: hand the message back for the next claim (here after a restart,
    // or another instance now), without counting an attempt or blaming the channel. The receiver
    // may have got it; the resend carries the same webhook-id.
    await db.notification.updateMany({ where: { id: job.id, lockedBy: job.lockedBy, state: "pending" }, data: { lockedUntil: null, lockedBy: null } });
    return { ...skipped, error: "stopped before the receiver answered; sent again on the next claim" };
  }
  const error = result.error === null ? null : scrubSecrets(result.error, secrets);
  return markAttempt(db, job, row.sendAfter, { ...result, error }, durationMs, options, facts.items.map((i) => i.alert.id), row.kind);
}

/** A report goes by email only, with its PDF attached (built at send time from the stored report). */
async function sendReportEmail(db: Db, channel: { type: string; destination: string }, reportId: string, messageId: string, build: ReportEmailBuilder | undefined): Promise<SendResult> {
  if (channel.type !== "email") return dead(`reports are sent by email only; this is a ${channel.type} channel`);
  if (!build) return retry("this server process cannot build report emails (report delivery is not composed in)");
  const built = await build(db, reportId, messageId);
  if (!built) return dead("the report no longer exists");
  return sendEmail(channel.destination, built.email, messageId, built.attachments);
}

async function markAttempt(
  db: Db,
  job: DueNotification,
  dueSince: Date,
  result: SendResult,
  durationMs: number,
  options: DeliverOptions,
  alertIds: string[],
  kind: string,
): Promise<AttemptOutcome> {
  const now = options.clock.now();
  let outcome = result.outcome;
  let nextAttemptAt: Date | null = null;
  let error = result.error;
  if (outcome === "retry" && kind === "test") {
    // A test answers "does this channel work now?": its one attempt is the answer, not retried later.
    outcome = "dead";
    error = `test not retried: ${error ?? "unknown error"}`.slice(0, 1000);
  } else if (outcome === "retry") {
    nextAttemptAt = new Date(now.getTime() + nextAttemptDelay(job.attempt, result.retryAfterMs, options.random));
    if (shouldGiveUp(job.attempt, dueSince, nextAttemptAt)) {
      outcome = "dead";
      nextAttemptAt = null;
      error = `gave up after ${job.attempt} attempt${job.attempt === 1 ? "" : "s"}: ${error ?? "unknown error"}`.slice(0, 1000);
    }
  }
  const marked = await db.$transaction(async (tx) => {
    const updated = await tx.notification.updateMany({
      where: { id: job.id, lockedBy: job.lockedBy, state: "pending" },
      data: {
        attempts: job.attempt,
        lockedUntil: null,
        lockedBy: null,
        lastStatusCode: result.statusCode,
        lastError: error,
        ...(outcome === "delivered" ? { state: "delivered", deliveredAt: now } : outcome === "dead" ? { state: "dead" } : { nextAttemptAt: nextAttemptAt! }),
      },
    });
    if (updated.count === 0) return false; // the lease was lost and someone else took over: their outcome stands
    await tx.$executeRaw`
      INSERT INTO delivery_attempts (notification_id, attempt, at, duration_ms, outcome, status_code, error)
      SELECT ${job.id}::uuid, COALESCE(MAX(attempt), 0) + 1, ${now}::timestamptz, ${durationMs}::int, ${outcome}, ${result.statusCode}::int, ${error}
      FROM delivery_attempts WHERE notification_id = ${job.id}::uuid`;
    const channel = await recordChannelAttempt(tx, job.channelId, outcome === "delivered", error, now);
    if (outcome === "delivered" && alertIds.length) {
      await tx.alert.updateMany({ where: { id: { in: [...new Set(alertIds)] } }, data: { lastNotifiedAt: now } });
    }
    if (outcome !== "delivered" && channel) await maybeQueueFailingNotice(tx, channel, now);
    return true;
  });
  if (!marked) {
    logger.warn("delivery outcome not recorded: the lease was taken over", { notificationId: job.id });
    return { notificationId: job.id, outcome: "skipped", statusCode: result.statusCode, error, attempt: job.attempt, nextAttemptAt: null };
  }
  if (outcome !== "delivered") logger.info(`delivery ${outcome}`, { notificationId: job.id, attempt: job.attempt, statusCode: result.statusCode, error });
  return { notificationId: job.id, outcome, statusCode: result.statusCode, error, attempt: job.attempt, nextAttemptAt };
}
