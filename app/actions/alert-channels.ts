"use server";

// Server actions for Settings → Alert channels (admins). A webhook's signing secret is in the
// result of create and rotate only: the page shows it once and never fetches it again.
import { revalidatePath } from "next/cache";
import type { ChannelCreatedOutput, ChannelOutput } from "@/lib/alerts/contracts";
import { createChannel } from "@/lib/alerts/channels/create-channel";
import { deleteChannel } from "@/lib/alerts/channels/delete-channel";
import { rotateChannelSecret } from "@/lib/alerts/channels/rotate-channel-secret";
import { setDefaultChannel } from "@/lib/alerts/channels/set-default-channel";
import { updateChannel } from "@/lib/alerts/channels/update-channel";
import type { FieldIssue } from "@/lib/errors";
import { contextForAction } from "@/lib/http/page-context";
import { fieldErrorsByPath } from "@/lib/ui/form-errors";
import { untrusted } from "@/lib/input";
import { parseHeaderLines } from "@/lib/ui/channel-form";
import { actionFailure, fieldFailure, type ActionResult } from "./action-result";

const text = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** headers.X-Token → headers, naming the header in the message: the form has one headers field. */
const mapIssues = (issues: readonly FieldIssue[]) =>
  fieldErrorsByPath(issues.map((i) => (i.path.startsWith("headers.") ? { path: "headers", message: `${i.path.slice(8)} ${i.message}` } : i)));

function revalidate() {
  revalidatePath("/settings/channels");
}

/** Creates a channel, or changes it when the form carries its id. Header lines: "Name: value"; on edit, "Name:" alone removes one. */
export async function saveChannelAction(formData: FormData): Promise<ActionResult<ChannelCreatedOutput>> {
  try {
    const ctx = await contextForAction();
    const id = text(formData, "id");
    const headers = parseHeaderLines(text(formData, "headers"), Boolean(id));
    if (!headers.ok) return fieldFailure({ headers: headers.error });
    const common = {
      name: text(formData, "name") || undefined,
      destination: text(formData, "destination") || (id ? undefined : ""),
      ...(headers.value ? { headers: headers.value } : {}),
      enabled: text(formData, "enabled") !== "false",
    };
    const channel = id
      ? await updateChannel({ ctx, input: untrusted({ id, ...common, ...(text(formData, "is_default") === "true" ? { is_default: true } : {}) }) })
      : await createChannel({
          ctx,
          input: untrusted({ type: text(formData, "type"), client_id: text(formData, "client_id") || null, ...common, ...(text(formData, "is_default") === "true" ? { is_default: true } : {}) }),
        });
    revalidate();
    return { ok: true, data: channel };
  } catch (error) {
    return actionFailure(error, mapIssues);
  }
}

export async function setDefaultChannelAction(id: string): Promise<ActionResult<ChannelOutput>> {
  try {
    const channel = await setDefaultChannel({ ctx: await contextForAction(), input: untrusted({ id }) });
    revalidate();
    return { ok: true, data: channel };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function rotateChannelSecretAction(id: string): Promise<ActionResult<ChannelCreatedOutput>> {
  try {
    const channel = await rotateChannelSecret({ ctx: await contextForAction(), input: untrusted({ id }) });
    revalidate();
    return { ok: true, data: channel };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function deleteChannelAction(id: string): Promise<ActionResult<ChannelOutput>> {
  try {
    const channel = await deleteChannel({ ctx: await contextForAction(), input: untrusted({ id }) });
    revalidate();
    return { ok: true, data: channel };
  } catch (error) {
    return actionFailure(error);
  }
}
