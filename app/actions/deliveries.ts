"use server";

// Server actions for deliveries and channel tests: thin edges over the verbs in
// lib/alerts/delivery (the same ones REST calls).
import { revalidatePath } from "next/cache";
import type { DeliveryOutput } from "@/lib/alerts/contracts";
import { retryDelivery } from "@/lib/alerts/delivery/deliveries";
import { sendTestNotification, type TestNotificationOutput } from "@/lib/alerts/delivery/send-test-notification";
import { contextForAction } from "@/lib/http/page-context";
import { actionFailure, type ActionResult } from "./action-result";

/** Sends a dead delivery again (same message id). */
export async function retryDeliveryAction(id: string): Promise<ActionResult<DeliveryOutput>> {
  try {
    const ctx = await contextForAction();
    const delivery = await retryDelivery({ ctx, input: { id } });
    revalidatePath("/alerts/deliveries");
    return { ok: true, data: delivery };
  } catch (error) {
    return actionFailure(error);
  }
}

/** Sends a test notification through a channel now and says how it went. */
export async function sendTestNotificationAction(channelId: string): Promise<ActionResult<TestNotificationOutput>> {
  try {
    const ctx = await contextForAction();
    return { ok: true, data: await sendTestNotification({ ctx, input: { channel_id: channelId } }) };
  } catch (error) {
    return actionFailure(error);
  }
}
