import type { Metadata } from "next";
import { connection } from "next/server";
import { listDeliveries } from "@/lib/alerts/delivery/deliveries";
import { requireViewer } from "@/lib/http/page-context";
import { permissionsFor } from "@/lib/ui/permissions";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveriesView } from "@/components/deliveries/deliveries-view";

export const metadata: Metadata = { title: "Deliveries" };

export default async function DeliveriesPage() {
  await connection();
  const { ctx, user } = await requireViewer();
  const [dead, failing, recent] = await Promise.all([
    listDeliveries({ ctx, input: { state: "dead", limit: 50 } }),
    listDeliveries({ ctx, input: { state: "failing", limit: 50 } }),
    listDeliveries({ ctx, input: { limit: 50 } }),
  ]);
  return (
    <div className="flex flex-col gap-6 lg:gap-8">
      <PageHeader
        title="Deliveries"
        description="Every notification sent by email, Slack or webhook: dead and retrying ones first, with their last error and every attempt."
        actions={
          <ButtonLink href="/alerts" variant="secondary" size="sm">
            Alerts
          </ButtonLink>
        }
      />
      <DeliveriesView initial={{ dead, failing, recent }} canWrite={permissionsFor(user.role).write} />
    </div>
  );
}
