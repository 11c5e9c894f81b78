// Slack and webhook calls: a JSON POST through lib/net's safe-fetch (http/https only, the
// network policy checked on the address actually dialled, a total timeout, a bounded response
// read, no redirects followed: a POST is not re-sent elsewhere). Classification: 2xx delivered;
// 408, 429 and 5xx retry (Retry-After honoured); every other 4xx is permanent (Slack's 400, 403,
// 404, 410 included); a policy refusal, a bad URL or a redirect is permanent; network trouble
// (DNS, connect, TLS, timeout) is transient.
import type { NetworkPolicy } from "@/lib/net/address-policy";
import { safeFetch } from "@/lib/net/safe-fetch";
import { parseRetryAfter } from "./retry-policy";
import { dead, delivered, retry, type SendResult } from "./send-result";

export const HTTP_TIMEOUT_MS = 15_000;
const RESPONSE_CAP = 64 * 1024;

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  { policy, signal, now }: { policy: NetworkPolicy; signal?: AbortSignal; now: Date },
): Promise<SendResult> {
  const res = await safeFetch(url, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body,
    timeoutMs: HTTP_TIMEOUT_MS,
    maxBodyBytes: RESPONSE_CAP,
    maxRedirects: 0,
    policy,
    signal,
  });
  if (!res.ok) {
    const { kind, message } = res.error;
    if (kind === "policy" || kind === "bad_url" || kind === "protocol") return dead(message);
    if (kind === "aborted") return { ...retry(message), aborted: true };
    if (kind === "too_many_redirects") return dead("the receiver answered with a redirect; webhooks are not re-sent elsewhere (set the final URL)");
    return retry(message);
  }
  const status = res.status;
  if (status >= 200 && status < 300) return delivered(status);
  const text = res.body.toString("utf8", 0, Math.min(res.body.length, 200)).replace(/\s+/g, " ").trim();
  const what = `HTTP ${status}${text ? `: ${text}` : ""}`;
  if (status === 408 || status === 429 || status >= 500) return retry(what, status, parseRetryAfter(res.headers["retry-after"], now));
  return dead(what, status);
}
