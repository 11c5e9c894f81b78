"use server";

// Server actions for scheduled reports (Reports page and the client page). Fields are named as
// the verbs' input; recipients is one text field (addresses separated by commas or new lines);
// the UI may send `cron` built from friendly presets. Checkboxes: "on"/"true" is true.
import { revalidatePath } from "next/cache";
import { contextForAction } from "@/lib/http/page-context";
import { untrusted } from "@/lib/input";
import type { ReportScheduleOutput } from "@/lib/reports/contracts";
import { createReportSchedule, deleteReportSchedule, updateReportSchedule } from "@/lib/reports/schedules/report-schedules";
import { fieldErrorsByPath } from "@/lib/ui/form-errors";
import { actionFailure, type ActionResult } from "./action-result";

const str = (form: FormData, name: string): string | undefined => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : undefined;
};
const bool = (form: FormData, name: string): boolean | undefined => {
  const v = str(form, name);
  return v === undefined ? undefined : v === "on" || v === "true";
};

function scheduleFields(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const type = str(form, "report_type");
  if (type) out.report_type = type;
  const cron = str(form, "cron");
  if (cron) out.cron = cron;
  const recs = bool(form, "include_recommendations");
  if (recs !== undefined) out.include_recommendations = recs;
  const enabled = bool(form, "enabled");
  if (enabled !== undefined) out.enabled = enabled;
  const recipients = str(form, "recipients");
  if (recipients !== undefined && recipients !== "") out.recipients = recipients.split(/[,;\n]+/).map((r) => r.trim()).filter(Boolean);
  return out;
}

/** recipients.3 → recipients: the form has one recipients field. */
const mapIssues = (issues: Parameters<typeof fieldErrorsByPath>[0]) =>
  fieldErrorsByPath(issues.map((i) => (i.path.startsWith("recipients.") ? { path: "recipients", message: i.message } : i)));

function revalidate(clientId?: string) {
  revalidatePath("/reports");
  if (clientId) revalidatePath(`/clients/${clientId}`);
}

export async function createReportScheduleAction(form: FormData): Promise<ActionResult<ReportScheduleOutput>> {
  try {
    const schedule = await createReportSchedule({ ctx: await contextForAction(), input: untrusted({ client_id: str(form, "client_id") ?? "", ...scheduleFields(form) }) });
    revalidate(schedule.client_id);
    return { ok: true, data: schedule };
  } catch (error) {
    return actionFailure(error, mapIssues);
  }
}

export async function updateReportScheduleAction(id: string, form: FormData): Promise<ActionResult<ReportScheduleOutput>> {
  try {
    const schedule = await updateReportSchedule({ ctx: await contextForAction(), input: untrusted({ id, ...scheduleFields(form) }) });
    revalidate(schedule.client_id);
    return { ok: true, data: schedule };
  } catch (error) {
    return actionFailure(error, mapIssues);
  }
}

export async function deleteReportScheduleAction(id: string): Promise<ActionResult<ReportScheduleOutput>> {
  try {
    const schedule = await deleteReportSchedule({ ctx: await contextForAction(), input: untrusted({ id }) });
    revalidate(schedule.client_id);
    return { ok: true, data: schedule };
  } catch (error) {
    return actionFailure(error);
  }
}
