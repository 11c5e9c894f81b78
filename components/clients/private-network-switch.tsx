"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { setPrivateNetworkAccessAction } from "@/app/actions/clients";
import { queryKeys } from "@/lib/query-keys";
import { PRIVATE_NETWORK_ANCHOR } from "@/lib/ui/status";
import { AlertCircleIcon, ShieldIcon } from "@/components/ui/icons";
import { Switch } from "@/components/ui/switch";

/** Admins only: whether this client's checks may reach private addresses. Saves on toggle. */
export function PrivateNetworkSwitch({ clientId, allowed }: { clientId: string; allowed: boolean }) {
  const [on, setOn] = useState(allowed);
  const [seen, setSeen] = useState(allowed);
  if (allowed !== seen) {
    // The page was refreshed with the stored value (ours, or another admin's): show that.
    setSeen(allowed);
    setOn(allowed);
  }
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();

  function change(next: boolean) {
    setError(null);
    setOn(next);
    startTransition(async () => {
      const result = await setPrivateNetworkAccessAction(clientId, next);
      if (result.ok) {
        await queryClient.invalidateQueries({ queryKey: queryKeys.all });
        router.refresh();
      } else {
        setOn(!next);
        setError(result.error);
      }
    });
  }

  return (
    <div
      id={PRIVATE_NETWORK_ANCHOR}
      className="flex scroll-mt-20 items-start justify-between gap-4 rounded-xl border border-line bg-surface px-4 py-3.5 shadow-[0_1px_2px_0_rgb(0_0_0/0.04)] dark:shadow-none"
      data-testid="private-network"
    >
      <div className="flex min-w-0 items-start gap-3">
        <span className="mt-0.5 hidden size-8 shrink-0 items-center justify-center rounded-lg border border-line bg-surface-muted text-muted sm:flex">
          <ShieldIcon className="size-4" />
        </span>
        <div className="min-w-0">
          <p id={`${id}-label`} className="text-[13px] font-semibold text-fg">
            Private network access
          </p>
          <p id={`${id}-hint`} className="mt-0.5 text-[13px] leading-5 text-muted">
            Allow checks of private addresses (10.x, 192.168.x, localhost) for this client
          </p>
          {error ? (
            <p role="alert" className="mt-1.5 flex items-start gap-1.5 text-[13px] text-rose-700 dark:text-rose-300">
              <AlertCircleIcon className="mt-[3px] size-3.5 shrink-0" />
              {error}
            </p>
          ) : null}
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-2.5 pt-0.5">
        <span className="text-xs font-medium text-subtle" aria-hidden>
          {on ? "Allowed" : "Off"}
        </span>
        <Switch
          checked={on}
          onCheckedChange={change}
          pending={pending}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-hint`}
        />
      </div>
    </div>
  );
}
