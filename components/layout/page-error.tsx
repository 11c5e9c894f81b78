"use client";

// What a page that failed to load shows. In production Next.js hides a server error's message
// from the browser, so the page asks the server's own health check whether the database is
// reachable: if not, it says so calmly, keeps checking, and reloads the page by itself once the
// database is back (the server reconnects without a restart).
import { useEffect, useRef, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertTriangleIcon, DatabaseIcon, RefreshIcon } from "@/components/ui/icons";

type Diagnosis = "checking" | "database-down" | "server-unreachable" | "other";

const RECHECK_MS = 5000;

async function diagnose(): Promise<Diagnosis> {
  try {
    const res = await fetch("/api/health-check", { cache: "no-store" });
    const body = (await res.json()) as { database?: { reachable?: boolean } };
    return body.database?.reachable === false ? "database-down" : "other";
  } catch {
    return "server-unreachable";
  }
}

export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const [diagnosis, setDiagnosis] = useState<Diagnosis>("checking");
  const retryRef = useRef(retry);
  useEffect(() => {
    retryRef.current = retry;
  });

  useEffect(() => {
    console.error(error);
  }, [error]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasDown = false;
    const check = async () => {
      const result = await diagnose();
      if (stopped) return;
      if (result === "database-down" || result === "server-unreachable") {
        wasDown = true;
        setDiagnosis(result);
        timer = setTimeout(check, RECHECK_MS);
      } else if (wasDown) {
        retryRef.current(); // it is back: load the page again without a click
      } else {
        setDiagnosis(result);
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [error]);

  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  const down = diagnosis === "database-down";
  const unreachable = diagnosis === "server-unreachable";
  return (
    <Card role="alert">
      <EmptyState
        icon={down ? DatabaseIcon : AlertTriangleIcon}
        title={down ? "The database is unreachable" : unreachable ? "The ClientPulse server is unreachable" : "This page couldn’t load"}
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
        {down || unreachable ? (
          <span aria-live="polite">
            {down
              ? "ClientPulse cannot reach its database right now. Nothing is lost: the server reconnects by itself, and this page reloads as soon as the database is back."
              : "The ClientPulse server is not answering. It may be restarting; this page reloads as soon as it answers again."}
          </span>
        ) : (
          "Something went wrong while fetching data from the ClientPulse server. It may be starting up or briefly unavailable; trying again usually helps."
        )}
        {digest ? <span className="mt-2 block font-mono text-xs text-subtle">Reference: {digest}</span> : null}
      </EmptyState>
    </Card>
  );
}
