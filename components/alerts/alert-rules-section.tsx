import { listChannels } from "@/lib/alerts/channels/list-channels";
import { listThresholds } from "@/lib/alerts/thresholds/list-thresholds";
import { requireViewer } from "@/lib/http/page-context";
import { ThresholdsEditor, type ChannelChoice } from "./thresholds-editor";

/** Which channels a rule of `scope` may use: the agency's, and on a client page that client's own. */
export async function channelChoices(ctx: Awaited<ReturnType<typeof requireViewer>>["ctx"], scope: string): Promise<ChannelChoice[]> {
  const { channels } = await listChannels({ ctx });
  return channels
    .filter((c) => c.client_id === null || c.client_id === scope)
    .map(({ id, type, name, client_id, is_default, enabled }) => ({ id, type, name, client_id, is_default, enabled }));
}

/** The client page's "Alert rules" section: its own rules and the "*" ones that apply to it (RSC first paint). */
export async function AlertRulesSection({ clientId, systems, canWrite }: { clientId: string; systems: string[]; canWrite: boolean }) {
  const { ctx } = await requireViewer();
  const [rules, channels] = await Promise.all([listThresholds({ ctx, input: { client_id: clientId } }), channelChoices(ctx, clientId)]);
  return <ThresholdsEditor scope={clientId} initial={rules.thresholds} channels={channels} systems={systems} canWrite={canWrite} globalRulesHref="/alerts/rules" />;
}
