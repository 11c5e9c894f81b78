"use server";

// Server action for Settings → Branding (admins): the form's fields, the logo as a File from
// <input type=file> (sent as base64 to the one verb, which checks it), remove_logo = "on" to drop it.
import { revalidatePath } from "next/cache";
import { contextForAction } from "@/lib/http/page-context";
import { untrusted } from "@/lib/input";
import type { AgencySettingsOutput } from "@/lib/reports/contracts";
import { logoFromFile } from "@/lib/reports/branding/logo-from-file";
import { updateAgencySettings } from "@/lib/reports/branding/agency-settings";
import { fieldErrorsByPath } from "@/lib/ui/form-errors";
import { actionFailure, fieldFailure, type ActionResult } from "./action-result";

const field = (form: FormData, name: string): string | undefined => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function updateAgencySettingsAction(form: FormData): Promise<ActionResult<AgencySettingsOutput>> {
  try {
    const ctx = await contextForAction();
    const input: Record<string, unknown> = {};
    for (const name of ["agency_name", "accent_color", "report_footer"] as const) {
      const value = field(form, name);
      if (value !== undefined) input[name] = name === "report_footer" && value.trim() === "" ? null : value;
    }
    const file = form.get("logo");
    if (field(form, "remove_logo") === "on") input.logo = null;
    else if (file instanceof File && file.size > 0) {
      const read = await logoFromFile(file);
      if (!read.ok) return fieldFailure({ logo: read.message });
      input.logo = read.logo;
    }
    const settings = await updateAgencySettings({ ctx, input: untrusted(input) });
    revalidatePath("/settings");
    revalidatePath("/reports");
    return { ok: true, data: settings };
  } catch (error) {
    // logo.type / logo.base64 → the form's one logo field.
    return actionFailure(error, (issues) => fieldErrorsByPath(issues, { "logo.type": "logo", "logo.base64": "logo" }));
  }
}
