// Input and output schemas of alert channels (email, Slack, webhook), shared by REST, the
// settings page's actions and alert_on_failures. Per-type rules on the destination need the
// network policy and DNS, so they live in destination.ts and are applied by the verbs.
import { z } from "zod";
import { CHANNEL_TYPES } from "@/lib/alerts/contracts";
import { strictObject, text } from "@/lib/input";
import { idSchema, ruleClientSchema } from "@/lib/alerts/thresholds/schemas";
import { clientIdSchema } from "@/lib/clients/schemas";

export const channelTypeSchema = z.enum(CHANNEL_TYPES, { error: `must be one of ${CHANNEL_TYPES.join(", ")}` });
const nameSchema = text().trim().min(1, "is required").max(100, "must be at most 100 characters");
const destinationSchema = text()
  .trim()
  .min(1, { message: "is required: email addresses, or the Slack / webhook URL", abort: true })
  .max(4096, { message: "must be at most 4096 characters", abort: true });
const boolSchema = z.boolean({ error: "must be true or false" });
const headerValue = text("must be a string");

export const createChannelInputSchema = strictObject({
  type: channelTypeSchema.describe("email | slack | webhook"),
  name: nameSchema.optional().describe("A name to recognise it by (default from the type and destination)"),
  destination: destinationSchema.describe("email: one or more addresses (comma-separated); slack: the incoming-webhook URL; webhook: the http(s) URL"),
  client_id: clientIdSchema.nullish().describe("A client_id: this client's own channel (a per-client override when default); omit for an agency channel"),
  headers: z.record(text(), headerValue, { error: "must be an object of header names to values" }).optional().describe("webhook only: extra request headers (values are never shown again)"),
  is_default: boolSchema.optional().describe("The default channel of its type (agency-wide, or for its client); the first of a type becomes default"),
  enabled: boolSchema.optional().describe("false keeps it configured but sends nothing (default true)"),
});
export type CreateChannelInput = z.input<typeof createChannelInputSchema>;

export const channelRefInputSchema = strictObject({ id: idSchema("a channel") });

export const updateChannelInputSchema = strictObject(
  {
    id: idSchema("a channel"),
    name: nameSchema.optional(),
    destination: destinationSchema.optional(),
    /** Merged: a value sets the header, null removes it, headers not named are kept (their values are never shown, so never resent). */
    headers: z.record(text(), headerValue.nullable(), { error: "must be an object of header names to values (null removes one)" }).optional(),
    is_default: boolSchema.optional(),
    enabled: boolSchema.optional(),
  },
  "a channel's type and client cannot be changed; the settings are name, destination, headers, is_default, enabled",
);
export type UpdateChannelInput = z.input<typeof updateChannelInputSchema>;

export const listChannelsInputSchema = strictObject({
  client_id: ruleClientSchema.optional().describe('A client_id: that client\'s own channels; "*": the agency channels; omitted: all'),
  type: channelTypeSchema.optional(),
});
export type ListChannelsInput = z.input<typeof listChannelsInputSchema>;

// ---- output --------------------------------------------------------------------------

export const channelOutputSchema = z.object({
  id: z.string(),
  type: z.enum(CHANNEL_TYPES),
  name: z.string(),
  client_id: z.string().nullable(),
  destination: z.string(),
  is_default: z.boolean(),
  enabled: z.boolean(),
  source: z.enum(["settings", "env", "threshold"]),
  has_secret: z.boolean(),
  header_names: z.array(z.string()),
  failing: z.boolean(),
  consecutive_failures: z.number(),
  failing_since: z.string().nullable(),
  last_error: z.string().nullable(),
  last_delivered_at: z.string().nullable(),
  warnings: z.array(z.string()),
  created_at: z.string(),
});
