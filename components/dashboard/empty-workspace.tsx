import type { ComponentType } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BellIcon, PlusIcon, PulseIcon, ServerIcon, type IconProps } from "@/components/ui/icons";
import { LoadDemoButton } from "@/components/clients/load-demo-button";

const STEPS: { icon: ComponentType<IconProps>; title: string; text: string }[] = [
  { icon: ServerIcon, title: "Register a client", text: "Name it and list the health URLs of its automation systems." },
  { icon: PulseIcon, title: "ClientPulse checks in", text: "Each system is probed on its interval; every status carries its reason." },
  { icon: BellIcon, title: "Know first", text: "Alerts and client-ready reports build on the same checks." },
];

/** First run: no clients at all. Viewers cannot add any, so they are told who can. */
export function EmptyWorkspace({ canWrite }: { canWrite: boolean }) {
  return (
    <Card data-testid="empty-workspace" className="overflow-hidden">
      <EmptyState
        icon={PulseIcon}
        title="No clients yet"
        actions={
          canWrite ? (
            <div className="flex flex-col items-center gap-3 sm:flex-row sm:items-start">
              <ButtonLink href="/clients/new" variant="primary">
                <PlusIcon className="size-4" />
                Register a client
              </ButtonLink>
              <LoadDemoButton />
            </div>
          ) : undefined
        }
      >
        {canWrite
          ? "Register a client with the health URLs of its automation systems and ClientPulse starts watching them. Or load the demo workspace to look around with a sample fleet first."
          : "Nothing to watch yet. Once an editor or admin registers a client, its health shows up here. You have view-only access."}
      </EmptyState>
      <ol className="grid grid-cols-1 divide-y divide-line border-t border-line bg-surface-muted/60 sm:grid-cols-3 sm:divide-x sm:divide-y-0 dark:bg-white/[0.015]">
        {STEPS.map(({ icon: Icon, title, text }, i) => (
          <li key={title} className="flex gap-3 px-5 py-4">
            <span className="flex size-7 shrink-0 items-center justify-center rounded-full border border-line bg-surface text-xs font-semibold text-muted tabular-nums">
              {i + 1}
            </span>
            <div className="min-w-0">
              <p className="flex items-center gap-1.5 text-[13px] font-semibold text-fg">
                <Icon className="size-3.5 text-subtle" />
                {title}
              </p>
              <p className="mt-0.5 text-[13px] leading-5 text-muted">{text}</p>
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
