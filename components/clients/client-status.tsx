import type { ClientAttentionOutput, ClientOutput, HealthStatusValue } from "@/lib/clients/schemas";
import { cx } from "@/lib/ui/class-names";
import { formatDuration, formatTimestampUtc } from "@/lib/ui/relative-time";
import { attentionHeadline, FLAG_LABEL, FLAG_TONE, uptimeTone } from "@/lib/ui/status";
import { Badge } from "@/components/ui/badge";
import { STATUS_ICON } from "./status-badge";
import { formatPct } from "@/lib/ui/history-format";

type Tone = "rose" | "amber" | "slate" | "emerald";

const ACCENT: Record<Tone, { bar: string; icon: string }> = {
  rose: { bar: "bg-rose-500", icon: "bg-rose-50 text-rose-600 ring-rose-200/70 dark:bg-rose-400/10 dark:text-rose-400 dark:ring-rose-400/20" },
  amber: { bar: "bg-amber-500", icon: "bg-amber-50 text-amber-600 ring-amber-200/70 dark:bg-amber-400/10 dark:text-amber-400 dark:ring-amber-400/20" },
  slate: { bar: "bg-slate-400", icon: "bg-slate-100 text-slate-500 ring-slate-200/70 dark:bg-slate-400/10 dark:text-slate-400 dark:ring-slate-400/20" },
  emerald: { bar: "bg-emerald-500", icon: "bg-emerald-50 text-emerald-600 ring-emerald-200/70 dark:bg-emerald-400/10 dark:text-emerald-400 dark:ring-emerald-400/20" },
};

/**
 * The top of the client page: one sentence on the client's state, then every attention flag
 * (the dashboard's own assessment: which system, why, since when) and the SLA standing over
 * its window. Nothing is recomputed here; `now` (the server's time of the page) only dates
 * "for how long".
 */
export function ClientStatus({ client, attention, now }: { client: ClientOutput; attention: ClientAttentionOutput; now: number }) {
  const monitored = client.systems.filter((s) => s.enabled);
  const { headline, tone, icon } = summarize(client, attention, monitored.length);
  const Icon = STATUS_ICON[icon];
  const sla = attention.sla;

  return (
    <section
      aria-labelledby="status-heading"
      className="relative overflow-hidden rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none"
      data-testid="client-status"
    >
      <span aria-hidden className={cx("absolute inset-y-0 left-0 w-1", ACCENT[tone].bar)} />
      <div className="flex flex-col gap-4 py-4 pl-5 pr-4 sm:pr-5 lg:flex-row lg:gap-8">
        <div className="min-w-0 flex-1">
          <div className="flex items-start gap-3">
            <span className={cx("flex size-8 shrink-0 items-center justify-center rounded-lg ring-1", ACCENT[tone].icon)}>
              <Icon className="size-[18px]" />
            </span>
            <h2 id="status-heading" className="pt-1 text-[15px] font-semibold leading-6 text-fg">
              <span className="sr-only">Status: </span>
              {headline}
            </h2>
          </div>
          {attention.flags.length > 0 ? (
            <ul className="mt-3 flex flex-col gap-2.5" aria-label="Attention flags" data-testid="attention-flags">
              {attention.flags.map((f, i) => (
                // A phone reads each flag as one wrapping sentence after its chip; wider screens align the chips in a column.
                <li key={`${f.kind}-${f.system ?? ""}-${i}`} className="text-[13px] leading-5 sm:grid sm:grid-cols-[7.5rem_minmax(0,1fr)] sm:items-baseline sm:gap-3" data-testid="attention-flag">
                  <span className="mr-1.5 sm:mr-0">
                    <Badge tone={FLAG_TONE[f.kind]}>{FLAG_LABEL[f.kind]}</Badge>
                  </span>
                  <span className="min-w-0">
                    {f.system ? <span className="font-semibold text-fg">{f.system}: </span> : null}
                    <span className="text-fg">{f.reason}</span>
                    <span className="text-subtle">
                      {" "}
                      · {f.kind === "below_sla" ? "below it since" : "since"} <time dateTime={f.since}>{formatTimestampUtc(f.since)}</time>
                      <span className="whitespace-nowrap"> ({formatDuration(Math.max(0, now - Date.parse(f.since)))})</span>
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>

        <div className="border-t border-line pt-3.5 lg:w-64 lg:shrink-0 lg:border-l lg:border-t-0 lg:pl-6 lg:pt-0" data-testid="sla-standing">
          <h3 className="text-[11px] font-medium uppercase tracking-wide text-subtle">SLA · last 30 days</h3>
          {sla && sla.uptime_pct !== null ? (
            <>
              <p className="mt-1 flex flex-wrap items-baseline gap-x-2">
                <span className={`text-2xl font-semibold tracking-tight tabular-nums ${uptimeTone(sla.uptime_pct, sla.target_pct)}`}>{formatPct(sla.uptime_pct)}</span>
                <span className="text-[13px] text-muted">
                  target <span className="tabular-nums">{sla.target_pct}%</span>
                </span>
              </p>
              <p className="mt-1 text-[13px] leading-5">
                {sla.met ? (
                  <span className="font-medium text-emerald-700 dark:text-emerald-400">Meets the target</span>
                ) : (
                  <span className="font-medium text-rose-700 dark:text-rose-400">Below the target</span>
                )}
                {sla.coverage < 1 && sla.covered_from ? (
                  <span className="text-subtle"> · watched since {formatTimestampUtc(sla.covered_from)}</span>
                ) : null}
              </p>
            </>
          ) : (
            <p className="mt-1 text-[13px] leading-5 text-muted">
              No checked time yet: the standing against the <span className="tabular-nums">{client.sla_target}%</span> target appears after the first checks.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function summarize(client: ClientOutput, attention: ClientAttentionOutput, monitored: number): { headline: string; tone: Tone; icon: HealthStatusValue } {
  if (!client.active) return { headline: "Inactive: this client is not monitored", tone: "slate", icon: "unknown" };
  if (attention.needs_attention) {
    const worst = attention.flags[0]!.kind;
    const tone: Tone = worst === "down" || worst === "below_sla" ? "rose" : worst === "misconfigured" ? "slate" : "amber";
    const icon: HealthStatusValue = tone === "rose" ? "down" : tone === "slate" ? "unknown" : "degraded";
    const troubled = new Set(attention.flags.map((f) => f.system).filter((s): s is string => s !== null)).size;
    return { headline: troubled > 0 ? attentionHeadline(troubled, monitored) : "Below its SLA target", tone, icon };
  }
  if (monitored === 0) return { headline: "No system is monitored", tone: "slate", icon: "unknown" };
  const unchecked = client.systems.filter((s) => s.enabled && s.status === "unknown").length;
  if (unchecked > 0) {
    return { headline: `${unchecked} of ${monitored} ${monitored === 1 ? "system" : "systems"} awaiting a first check`, tone: "slate", icon: "unknown" };
  }
  const headline = monitored === 1 ? "Its system is healthy" : monitored === 2 ? "Both systems are healthy" : `All ${monitored} systems are healthy`;
  return { headline, tone: "emerald", icon: "healthy" };
}
