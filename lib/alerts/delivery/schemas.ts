// Input of the delivery verbs (REST query strings and bodies, the UI), strict: unknown fields
// are named, a bad value is a 422 on its field.
import { z } from "zod";
import { strictObject, text } from "@/lib/input";
import { DELIVERY_STATE_FILTERS } from "../contracts";

export const DELIVERIES_MAX_LIMIT = 200;

export const listDeliveriesInputSchema = strictObject({
  state: z.enum(DELIVERY_STATE_FILTERS, { error: `must be one of ${DELIVERY_STATE_FILTERS.join(", ")} (failing = pending after a failed attempt)` }).optional(),
  channel_id: z.uuid({ error: "must be a channel id" }).optional(),
  client_id: text().trim().min(1).max(64).optional(),
  limit: z.int({ error: "must be a whole number" }).min(1, "must be at least 1").max(DELIVERIES_MAX_LIMIT, `must be at most ${DELIVERIES_MAX_LIMIT}`).default(50),
  cursor: text().max(200).optional(),
});

export const deliveryRefSchema = strictObject({ id: z.uuid({ error: "must be a delivery id" }) });
export const channelRefSchema = strictObject({ channel_id: z.uuid({ error: "must be a channel id" }) });
