// Node.js server start-up: open the database and apply migrations now, so a bad DATA_DIR or an
// unreachable DATABASE_URL is one clear line at start-up rather than an error on the first
// page view; create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when asked.
import { alertDelivery } from "@/lib/alerts/delivery/delivery-worker";
import { ensureEnvChannelsAtStart } from "@/lib/alerts/channels/ensure-env-channels";
import { getDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { evaluateAfterMetrics, evaluateCheckBatch } from "@/lib/alerts/engine/evaluate";
import { alertPass } from "@/lib/alerts/engine/periodic-pass";
import { metricsCollection } from "@/lib/metrics/metrics-collection";
import { buildReportEmail } from "@/lib/reports/schedules/report-email";
import { reportScheduling } from "@/lib/reports/schedules/report-scheduling";
import { startProcessScheduler, stopProcessScheduler } from "@/lib/monitoring/process-scheduler";
import { networkPolicy } from "@/lib/net/policy-from-env";
import { ensureAdminFromEnv } from "@/lib/users/ensure-admin-from-env";

export async function startNodeServer(): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    getEnv(); // an invalid setting stops start-up here, in one line
    networkPolicy({ allowPrivate: false }); // …and so does a malformed ALLOWED_PRIVATE_TARGETS
    const db = await getDatabase();
    const applied = db.migration?.applied.length ?? 0;
    console.log(`ClientPulse database: ${db.label}${applied ? `, applied ${applied} migration(s)` : ", up to date"}`);
    const admin = await ensureAdminFromEnv(db.prisma);
    if (admin) console.log(`ClientPulse: created the first admin ${admin} from ADMIN_EMAIL / ADMIN_PASSWORD`);
    await ensureEnvChannelsAtStart(db.prisma); // SMTP_URL + ALERT_EMAIL_TO, SLACK_WEBHOOK_URL, ALERT_WEBHOOK_URL + ALERT_WEBHOOK_SECRET
    // One loop claims every kind of due work: health checks, and metrics pulls, the alert pass,
    // alert deliveries (report emails too, their PDF built by lib/reports) and scheduled reports
    // handed in here. Alerts are evaluated right after each check and each accepted pull (same
    // step; checks are written in batches and evaluated per batch), and by the periodic pass for
    // windowed metrics and reminders.
    const scheduler = startProcessScheduler(
      db,
      [metricsCollection({ afterAccept: (database, systemId) => evaluateAfterMetrics(database, systemId) }), alertPass(), alertDelivery({ reportEmail: buildReportEmail }), reportScheduling()],
      evaluateCheckBatch,
    );
    console.log(scheduler ? `ClientPulse health checks and metrics pulls: scheduled (${getEnv().SCHEDULER_CONCURRENCY} checks at once)` : "ClientPulse health checks and metrics pulls: scheduler off (SCHEDULER=off)");
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      // In-flight probes are aborted and their writes awaited (5 s at most); closing the
      // embedded database flushes it. scripts/start.mjs sets NEXT_MANUAL_SIG_HANDLE so this
      // handler, not Next's, decides when the process exits.
      const deadline = new Promise((r) => setTimeout(r, 5000).unref());
      void Promise.race([stopProcessScheduler(), deadline])
        .then(() => Promise.race([db.close(), deadline]))
        .catch(() => {})
        .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    };
    // `on`, not `once`: Ctrl-C reaches both this process and scripts/start.mjs, which forwards
    // it, so a second signal arrives while closing; it must not kill the process mid-close.
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
  } catch (error) {
    console.error(`ClientPulse cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
