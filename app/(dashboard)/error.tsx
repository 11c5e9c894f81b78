"use client";

import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertTriangleIcon, RefreshIcon } from "@/components/ui/icons";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <Card role="alert">
      <EmptyState
        icon={AlertTriangleIcon}
        title="This page couldn’t load"
        headingLevel={1}
        actions={
          <>
            <Button variant="primary" onClick={() => retry()}>
              <RefreshIcon className="size-4" />
              Try again
            </Button>
            <ButtonLink href="/">Go to the dashboard</ButtonLink>
          </>
        }
      >
        Something went wrong while fetching data from the ClientPulse server. It may be starting up or briefly unavailable; trying again
        usually helps.
        {digest ? <span className="mt-2 block font-mono text-xs text-subtle">Reference: {digest}</span> : null}
      </EmptyState>
    </Card>
  );
}
