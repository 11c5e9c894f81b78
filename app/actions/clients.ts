"use server";

// Server actions for clients: thin edges that build the request's context, call the verb and
// map the outcome to `{ ok: true, data } | { ok: false, error, fieldErrors }`. Raw errors never
// reach the UI; anything unexpected becomes toAppError's generic, logged message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { deactivateClient } from "@/lib/clients/deactivate-client";
import { registerClient } from "@/lib/clients/register-client";
import type { ClientOutput } from "@/lib/clients/schemas";
import { updateClient } from "@/lib/clients/update-client";
import { contextForAction } from "@/lib/http/page-context";
import { fieldErrorsFromIssues, registerFormErrors, registerInputFromForm } from "@/lib/ui/register-client-form";
import { runHealthCheckAndEvaluate } from "@/lib/alerts/engine/with-evaluation";
import type { RunHealthCheckOutput } from "@/lib/monitoring/run-health-check";
import { clientSettingsInputFromForm } from "@/lib/ui/client-settings-form";
import { actionFailure, type ActionResult } from "./action-result";
import { untrusted } from "@/lib/input";

export type { ActionResult } from "./action-result";

/** The state before the form was ever submitted. */
export type RegisterClientState = ActionResult<ClientOutput> | null;

const failure = (error: unknown) => actionFailure(error, fieldErrorsFromIssues);

/** useActionState action for /clients/new: registers the client, then opens its page. */
export async function registerClientAction(_previous: RegisterClientState, formData: FormData): Promise<RegisterClientState> {
  let client: ClientOutput;
  const input = registerInputFromForm(formData);
  try {
    const ctx = await contextForAction();
    client = await registerClient({ ctx, input: untrusted(input) });
  } catch (error) {
    return actionFailure(error, (issues) => registerFormErrors(issues, input));
  }
  revalidatePath("/", "layout");
  redirect(`/clients/${encodeURIComponent(client.client_id)}`); // throws: navigation, not an error
}

/** Deactivate (hide from the dashboard, keep history) or reactivate a client. */
export async function setClientActiveAction(clientId: string, active: boolean): Promise<ActionResult<ClientOutput>> {
  try {
    const ctx = await contextForAction();
    const client = active
      ? await updateClient({ ctx, input: { client_id: clientId, active: true } })
      : await deactivateClient({ ctx, input: { client_id: clientId } });
    revalidatePath("/", "layout");
    return { ok: true, data: client };
  } catch (error) {
    return failure(error);
  }
}

/** Admins: let this client's checks reach private addresses (10.x, 192.168.x, localhost), or stop them. */
export async function setPrivateNetworkAccessAction(clientId: string, allow: boolean): Promise<ActionResult<ClientOutput>> {
  try {
    const ctx = await contextForAction();
    const client = await updateClient({ ctx, input: { client_id: clientId, allow_private_targets: allow } });
    revalidatePath("/", "layout");
    return { ok: true, data: client };
  } catch (error) {
    return failure(error);
  }
}

/** "Check now" on the client page: probes the client's systems and refreshes what is shown. */
export async function checkClientNowAction(clientId: string): Promise<ActionResult<RunHealthCheckOutput>> {
  try {
    const ctx = await contextForAction();
    const result = await runHealthCheckAndEvaluate({ ctx, input: { client_id: clientId } });
    revalidatePath("/", "layout");
    return { ok: true, data: result };
  } catch (error) {
    return failure(error);
  }
}

/** The client's business settings dialog (time zone, hourly rate, currency); editors and admins. */
export async function updateClientSettingsAction(formData: FormData): Promise<ActionResult<ClientOutput>> {
  try {
    const ctx = await contextForAction();
    const client = await updateClient({ ctx, input: untrusted(clientSettingsInputFromForm(formData)) });
    revalidatePath("/", "layout");
    return { ok: true, data: client };
  } catch (error) {
    return failure(error);
  }
}
