import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ArrowLeftIcon, SearchIcon } from "@/components/ui/icons";

export function NotFoundContent({ title = "Page not found", children }: { title?: string; children?: ReactNode }) {
  return (
    <Card>
      <EmptyState
        icon={SearchIcon}
        title={title}
        headingLevel={1}
        actions={
          <>
            <ButtonLink href="/" variant="primary">
              <ArrowLeftIcon className="size-4" />
              Back to the dashboard
            </ButtonLink>
            <ButtonLink href="/clients">All clients</ButtonLink>
          </>
        }
      >
        {children ?? "There is nothing at this address. It may have been moved, or the link has a typo."}
      </EmptyState>
    </Card>
  );
}
