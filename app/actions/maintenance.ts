"use server";

// Server actions for the client page's maintenance windows: build the caller's context, call
// the verb, map the outcome to an ActionResult (field errors keyed by the verb's field names,
// plus "days" / "time" for the weekly form's own checks).
import { revalidatePath } from "next/cache";
import { contextForAction } from "@/lib/http/page-context";
import { untrusted } from "@/lib/input";
import { createMaintenanceWindow, deleteMaintenanceWindow } from "@/lib/maintenance/maintenance-windows";
import type { MaintenanceWindowOutputShape } from "@/lib/maintenance/schemas";
import { maintenanceInputFromForm, weeklyCron } from "@/lib/ui/maintenance-form";
import { actionFailure, fieldFailure, type ActionResult } from "./action-result";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

/** The add-window form: client_id and the client's time_zone ride along as hidden fields. */
export async function createMaintenanceWindowAction(form: FormData): Promise<ActionResult<MaintenanceWindowOutputShape>> {
  try {
    const ctx = await contextForAction();
    const kind = text(form, "kind");
    const days = form.getAll("days").map((d) => Number(d));
    const time = text(form, "time");
    if (kind === "weekly" && weeklyCron(days, time) === null) {
      const problems: Record<string, string> = {};
      if (!/^\d{1,2}:\d{2}$/.test(time.trim())) problems.time = "must be a time such as 02:00";
      if (days.length === 0) problems.days = "must include at least one day";
      if (Object.keys(problems).length) return fieldFailure(problems);
    }
    const values = {
      kind,
      title: text(form, "title"),
      // The form's fields carry the verb's names, so its errors land beside them.
      starts_local: text(form, "starts_at"),
      ends_local: text(form, "ends_at"),
      days,
      time,
      duration_minutes: text(form, "duration_minutes"),
      cron: text(form, "recurrence"),
    };
    const input = { client_id: text(form, "client_id"), ...maintenanceInputFromForm(values, text(form, "time_zone") || "UTC") };
    const window = await createMaintenanceWindow({ ctx, input: untrusted(input) });
    revalidatePath("/", "layout");
    return { ok: true, data: window };
  } catch (error) {
    return actionFailure(error);
  }
}

export async function deleteMaintenanceWindowAction(clientId: string, id: string): Promise<ActionResult<{ id: string }>> {
  try {
    const ctx = await contextForAction();
    await deleteMaintenanceWindow({ ctx, input: untrusted({ client_id: clientId, id }) });
    revalidatePath("/", "layout");
    return { ok: true, data: { id } };
  } catch (error) {
    return actionFailure(error);
  }
}
