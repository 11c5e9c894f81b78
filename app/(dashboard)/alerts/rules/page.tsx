import type { Metadata } from "next";
import { connection } from "next/server";
import { listThresholds } from "@/lib/alerts/thresholds/list-thresholds";
import { requireViewer } from "@/lib/http/page-context";
import { permissionsFor } from "@/lib/ui/permissions";
import { channelChoices } from "@/components/alerts/alert-rules-section";
import { ThresholdsEditor } from "@/components/alerts/thresholds-editor";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Alert rules for every client" };

/** The "*" rules: each watches every client (and every system of each); a client page lists them as Global. */
export default async function GlobalAlertRulesPage() {
  await connection();
  const { ctx, user } = await requireViewer();
  const { write } = permissionsFor(user.role);
  const [rules, channels] = await Promise.all([listThresholds({ ctx, input: { client_id: "*" } }), channelChoices(ctx, "*")]);
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <Breadcrumbs items={[{ label: "Alerts", href: "/alerts" }, { label: "Rules for every client" }]} />
        <PageHeader
          title="Alert rules for every client"
          description="Each rule here watches every client and each of its systems. Rules for one client are on that client's page."
        />
      </div>
      <ThresholdsEditor scope="*" initial={rules.thresholds} channels={channels} systems={[]} canWrite={write} />
    </div>
  );
}
