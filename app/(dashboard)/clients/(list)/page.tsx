import type { Metadata } from "next";
import { connection } from "next/server";
import { listClients } from "@/lib/alerts/clients-overview";
import { requireViewer } from "@/lib/http/page-context";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ClientsIcon, PlusIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { ClientsDirectory } from "@/components/clients/clients-directory";
import { CLIENT_DIRECTORY_LIMIT } from "@/lib/ui/client-search";
import { LoadDemoButton } from "@/components/clients/load-demo-button";
import { permissionsFor } from "@/lib/ui/permissions";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage() {
  await connection();
  const { ctx, user } = await requireViewer();
  const can = permissionsFor(user.role);
  const list = await listClients({ ctx, input: { include_inactive: true, limit: CLIENT_DIRECTORY_LIMIT } });
  const renderedAt = ctx.clock.now().getTime();
  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <PageHeader
        title="Clients"
        description="Everyone you run automations for, active or not."
        actions={
          can.write ? (
            <ButtonLink href="/clients/new" variant="primary">
              <PlusIcon className="size-4" />
              Register client
            </ButtonLink>
          ) : undefined
        }
      />
      {list.total === 0 ? (
        <Card>
          {can.write ? (
            <EmptyState icon={ClientsIcon} title="No clients yet" actions={<LoadDemoButton />}>
              Register your first client with the button above, or load the demo workspace to explore with sample data.
            </EmptyState>
          ) : (
            <EmptyState icon={ClientsIcon} title="No clients yet">
              Clients appear here once an editor or admin registers them. You have view-only access.
            </EmptyState>
          )}
        </Card>
      ) : (
        <ClientsDirectory initialData={list} renderedAt={renderedAt} />
      )}
    </div>
  );
}
