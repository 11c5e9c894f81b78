import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftIcon, LockIcon } from "@/components/ui/icons";

/**
 * A friendly 403: what this page is for, which role it needs, and a way back. The verbs refuse
 * the action anyway; this only spares the person a form they cannot submit.
 */
export function AccessNeeded({
  title,
  children,
  backHref = "/",
  backLabel = "Back to the dashboard",
}: {
  title: string;
  children: ReactNode;
  backHref?: string;
  backLabel?: string;
}) {
  return (
    <Card data-testid="access-needed">
      <EmptyState
        icon={LockIcon}
        title={title}
        headingLevel={1}
        actions={
          <ButtonLink href={backHref} variant="secondary">
            <ArrowLeftIcon className="size-4" />
            {backLabel}
          </ButtonLink>
        }
      >
        {children}
      </EmptyState>
    </Card>
  );
}
