// Standard Webhooks signing (https://www.standardwebhooks.com): the signature is the base64
// HMAC-SHA256 of `${id}.${timestamp}.${body}` keyed with the secret's bytes (the base64 after
// "whsec_"), sent as "v1,<sig>". Byte-identical to the `standardwebhooks` package (the tests
// verify with it). The id stays the same on every retry; the timestamp is fresh per attempt.
import { createHmac } from "node:crypto";

export function signatureKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

export function signWebhook(secret: string, id: string, timestampSec: number, body: string): string {
  const mac = createHmac("sha256", signatureKey(secret)).update(`${id}.${timestampSec}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export function webhookHeaders(id: string, timestampSec: number, body: string, secret: string | null): Record<string, string> {
  const headers: Record<string, string> = { "webhook-id": id, "webhook-timestamp": String(timestampSec) };
  if (secret) headers["webhook-signature"] = signWebhook(secret, id, timestampSec, body);
  return headers;
}
