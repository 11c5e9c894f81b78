"use server";

// Server actions for the alert rules editor (client page, global rules page): the same verbs as
// REST and MCP, with form text handed over untrusted so the verbs name bad fields.
import { revalidatePath } from "next/cache";
import type { ThresholdOutput } from "@/lib/alerts/contracts";
import { createThreshold } from "@/lib/alerts/thresholds/create-threshold";
import { deleteThreshold } from "@/lib/alerts/thresholds/delete-threshold";
import { updateThreshold } from "@/lib/alerts/thresholds/update-threshold";
import type { FieldIssue } from "@/lib/errors";
import { contextForAction } from "@/lib/http/page-context";
import { queryNumber } from "@/lib/http/responses";
import { untrusted } from "@/lib/input";
import { fieldErrorsByPath } from "@/lib/ui/form-errors";
import { actionFailure, type ActionResult } from "./action-result";

export type ThresholdActionResult = ActionResult<ThresholdOutput>;

const text = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};
/** "" → absent; numeric text → a number; anything else stays text for the verb to name. */
const num = (formData: FormData, name: string) => queryNumber(text(formData, name));
const flag = (formData: FormData, name: string) => text(formData, name) === "true";
/** channels.3 → channels: the form shows one error under the channel list. */
const mapIssues = (issues: readonly FieldIssue[]) => fieldErrorsByPath(issues.map((i) => ({ ...i, path: i.path.replace(/^channels\.\d+$/, "channels") })));

function revalidate(clientId: string) {
  if (clientId && clientId !== "*") revalidatePath(`/clients/${clientId}`);
  revalidatePath("/alerts/rules");
}

/** Creates a rule, or changes it when the form carries its id. */
export async function saveThresholdAction(formData: FormData): Promise<ThresholdActionResult> {
  try {
    const ctx = await contextForAction();
    const id = text(formData, "id");
    const remind = text(formData, "remind_every_minutes");
    const fields = {
      system: text(formData, "system") || null,
      metric: text(formData, "metric"),
      comparison: text(formData, "comparison"),
      threshold: text(formData, "threshold") === "" ? undefined : num(formData, "threshold"),
      window_minutes: num(formData, "window_minutes"),
      severity: text(formData, "severity") || undefined,
      for_count: num(formData, "for_count"),
      notify_recovery: flag(formData, "notify_recovery"),
      remind_every_minutes: remind === "" ? null : queryNumber(remind),
      enabled: flag(formData, "enabled"),
      channels: formData.getAll("channels").filter((v): v is string => typeof v === "string"),
    };
    const clientId = text(formData, "client_id");
    const rule = id
      ? await updateThreshold({ ctx, input: untrusted({ id, ...fields }) })
      : await createThreshold({ ctx, input: untrusted({ client_id: clientId, ...fields }) });
    revalidate(rule.client_id);
    return { ok: true, data: rule };
  } catch (error) {
    return actionFailure(error, mapIssues);
  }
}

export async function setThresholdEnabledAction(id: string, enabled: boolean): Promise<ThresholdActionResult> {
  try {
    const rule = await updateThreshold({ ctx: await contextForAction(), input: untrusted({ id, enabled }) });
    revalidate(rule.client_id);
    return { ok: true, data: rule };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function deleteThresholdAction(id: string): Promise<ThresholdActionResult> {
  try {
    const rule = await deleteThreshold({ ctx: await contextForAction(), input: untrusted({ id }) });
    revalidate(rule.client_id);
    return { ok: true, data: rule };
  } catch (error) {
    return actionFailure(error);
  }
}
