import type { Metadata } from "next";
import { connection } from "next/server";
import { listChannels } from "@/lib/alerts/channels/list-channels";
import { requireViewer } from "@/lib/http/page-context";
import { listClients } from "@/lib/metrics/clients-overview";
import { permissionsFor } from "@/lib/ui/permissions";
import { ChannelsSettings } from "@/components/alerts/channels-settings";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Alert channels" };

/** Settings → Alert channels: everyone signed in may look (destinations masked); admins change them. */
export default async function ChannelsSettingsPage() {
  await connection();
  const { ctx, user } = await requireViewer();
  const { admin, write } = permissionsFor(user.role);
  const [{ channels }, clients] = await Promise.all([listChannels({ ctx }), admin ? listClients({ ctx, input: { include_inactive: true, limit: 1000 } }) : null]);
  return (
    <div className="flex max-w-5xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <Breadcrumbs items={[{ label: "Settings", href: "/settings" }, { label: "Alert channels" }]} />
        <PageHeader
          title="Alert channels"
          description={
            admin
              ? "Where alerts go: email through SMTP, Slack (or Mattermost, Rocket.Chat) and signed webhooks. URLs are shown masked; secrets and header values never."
              : "Where alerts go. Only admins can change channels."
          }
        />
      </div>
      <ChannelsSettings initial={channels} clients={(clients?.clients ?? []).map((c) => ({ client_id: c.client_id, client_name: c.client_name }))} canAdmin={admin} canTest={write} />
    </div>
  );
}
