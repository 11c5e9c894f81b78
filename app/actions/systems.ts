"use server";

// Server actions for a client's systems: build the caller's context, call the verb, map the
// outcome to an ActionResult (field errors keyed by the verb's field names).
import { revalidatePath } from "next/cache";
import type { SystemOutput } from "@/lib/clients/schemas";
import { updateSystem } from "@/lib/clients/update-system";
import { contextForAction } from "@/lib/http/page-context";
import { updateSystemInputFromForm } from "@/lib/ui/system-form";
import { actionFailure, type ActionResult } from "./action-result";
import { untrusted } from "@/lib/input";

/** The edit-system dialog: the form carries client_id and the system's current name. */
export async function updateSystemAction(formData: FormData): Promise<ActionResult<SystemOutput>> {
  try {
    const ctx = await contextForAction();
    const system = await updateSystem({ ctx, input: untrusted(updateSystemInputFromForm(formData)) });
    revalidatePath("/", "layout");
    return { ok: true, data: system };
  } catch (error) {
    return actionFailure(error);
  }
}
