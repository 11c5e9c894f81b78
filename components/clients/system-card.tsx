import type { SystemOutput } from "@/lib/clients/schemas";
import { formatInterval, formatMilliseconds, formatTimestampUtc } from "@/lib/ui/relative-time";
import { PRIVATE_NETWORK_ANCHOR } from "@/lib/ui/status";
import { Badge } from "@/components/ui/badge";
import { ClockIcon, ServerIcon, ShieldIcon } from "@/components/ui/icons";
import { EditSystemButton } from "./edit-system-dialog";
import { StatusBadge, STATUS_TEXT } from "./status-badge";

/**
 * One monitored system: its state (or that it awaits a first check) and its configuration.
 * `canEdit` (editors, admins) adds the Edit dialog; `canAdmin` points a check refused for a
 * private address at the client's "Private network access" setting.
 */
export function SystemCard({
  system,
  clientId,
  canEdit = false,
  canAdmin = false,
}: {
  system: SystemOutput;
  clientId: string;
  canEdit?: boolean;
  canAdmin?: boolean;
}) {
  const checked = system.last_check !== null;
  // Read from the stored rule, never the reason text: a refused check is unknown, not an outage.
  const refusal = system.status === "unknown" ? REFUSALS[system.status_rule ?? ""] : undefined;
  return (
    <article
      aria-labelledby={`system-${system.id}-name`}
      className="flex flex-col rounded-xl border border-line bg-surface shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none"
      data-testid="system-card"
    >
      <header className="flex items-start justify-between gap-3 px-5 pt-4">
        <div className="flex min-w-0 items-center gap-2.5">
          <span className="flex size-8 shrink-0 items-center justify-center rounded-lg border border-line bg-surface-muted text-muted">
            <ServerIcon className="size-4" />
          </span>
          <div className="min-w-0">
            <h3 id={`system-${system.id}-name`} className="truncate text-sm font-semibold text-fg">
              {system.name}
            </h3>
            {!system.enabled ? <p className="text-xs text-subtle">Checks paused for this system</p> : null}
          </div>
        </div>
        <div className="flex shrink-0 items-center gap-1.5">
          {!system.enabled ? <Badge tone="neutral">Disabled</Badge> : null}
          {refusal ? (
            <Badge tone="amber" title={system.status_reason ?? undefined}>
              <ShieldIcon className="size-3.5" />
              Misconfigured
              {system.status_reason ? <span className="sr-only">: {system.status_reason}</span> : null}
            </Badge>
          ) : (
            <StatusBadge status={system.status} reason={system.status_reason} />
          )}
          {canEdit ? <EditSystemButton clientId={clientId} system={system} /> : null}
        </div>
      </header>

      {checked ? (
        // Inline text, so a long reason and its time wrap together like a sentence.
        <p className="mx-5 mt-3 text-[13px] leading-5">
          <span className={STATUS_TEXT[system.status]}>{system.status_reason ?? "Last check passed"}</span>{" "}
          <span className="whitespace-nowrap text-subtle">
            · <time dateTime={system.last_check!}>{formatTimestampUtc(system.last_check!)}</time>
            {system.response_time_ms !== null ? ` · ${Math.round(system.response_time_ms)} ms` : null}
          </span>
        </p>
      ) : (
        <p className="mx-5 mt-3 flex items-center gap-1.5 text-[13px] text-subtle">
          <ClockIcon className="size-3.5" />
          Awaiting first check
        </p>
      )}
      {refusal ? <RefusalNote refusal={refusal} canAdmin={canAdmin} /> : null}

      <dl className="mt-4 flex flex-col gap-3 border-t border-line px-5 py-4 text-[13px]">
        <UrlRow label="Health URL" url={system.health_url} />
        <UrlRow label="Metrics URL" url={system.metrics_url} />
      </dl>
      <dl className="mt-auto grid grid-cols-4 divide-x divide-line rounded-b-xl border-t border-line bg-surface-muted/60 text-center dark:bg-white/[0.015]">
        <Stat label="Interval" value={formatInterval(system.check_interval_seconds)} />
        <Stat label="Timeout" value={formatMilliseconds(system.timeout_ms)} />
        <Stat label="Degraded" value={`> ${formatMilliseconds(system.degraded_threshold_ms)}`} />
        <Stat
          label="Confirm"
          value={`${system.confirmations} check${system.confirmations === 1 ? "" : "s"}`}
          title={`A status change needs ${system.confirmations} agreeing check${system.confirmations === 1 ? "" : "s"} in a row`}
        />
      </dl>
    </article>
  );
}

function UrlRow({ label, url }: { label: string; url: string | null }) {
  return (
    <div className="grid grid-cols-[6.5rem_minmax(0,1fr)] items-baseline gap-3">
      <dt className="text-subtle">{label}</dt>
      <dd className="min-w-0">
        {url ? (
          <span className="block break-all font-mono text-xs leading-5 text-fg">
            {url}
          </span>
        ) : (
          <span className="text-subtle">Not configured</span>
        )}
      </dd>
    </div>
  );
}

type Refusal = "private" | "forbidden" | "invalid" | "dns";

/** The rules under which a check was not sent or reached nothing (systems.status_rule, REFUSED_RULES). */
const REFUSALS: Partial<Record<string, Refusal>> = { blocked_private: "private", blocked_by_policy: "forbidden", invalid_target: "invalid", dns_never_resolved: "dns" };

/** A check ClientPulse refused to send: say so plainly, and where it can be allowed. */
function RefusalNote({ refusal, canAdmin }: { refusal: Refusal; canAdmin: boolean }) {
  return (
    <p
      role="note"
      className="mx-5 mt-3 flex items-start gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-[13px] leading-5 text-amber-900 dark:border-amber-400/25 dark:bg-amber-400/[0.08] dark:text-amber-100"
      data-testid="policy-block"
    >
      <ShieldIcon className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-300" />
      {refusal === "dns" ? (
        <span>The health URL&rsquo;s host name has never resolved: check it for a typo. Not counted as downtime; edit the system&rsquo;s URL.</span>
      ) : refusal === "invalid" ? (
        <span>ClientPulse could not send this check: the health URL is not a valid address. Not counted as downtime; edit the system&rsquo;s URL.</span>
      ) : refusal === "forbidden" ? (
        <span>ClientPulse never connects to this address (link-local, cloud metadata or reserved). Use the system&rsquo;s public address.</span>
      ) : canAdmin ? (
        <span>
          ClientPulse did not send this check: the address is private.{" "}
          <a href={`#${PRIVATE_NETWORK_ANCHOR}`} className="font-medium underline decoration-amber-400 underline-offset-2 hover:decoration-current">
            Allow private network access
          </a>{" "}
          if this client&rsquo;s systems are on your network.
        </span>
      ) : (
        <span>ClientPulse did not send this check: the address is private. An admin can allow private network access for this client.</span>
      )}
    </p>
  );
}

function Stat({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="flex flex-col-reverse gap-0.5 px-2 py-3" title={title} data-testid={`stat-${label.toLowerCase()}`}>
      <dt className="text-[11px] font-medium uppercase tracking-wide text-subtle">{label}</dt>
      <dd className="text-sm font-medium text-fg tabular-nums">{value}</dd>
    </div>
  );
}
