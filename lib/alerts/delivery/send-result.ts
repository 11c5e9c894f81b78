// How one attempt ended, whatever the channel: the worker turns this into delivered, a retry or
// dead. Errors are short, one line, and never hold the channel's URL, secret or header values
// (scrubSecrets is applied to every text that leaves a sender).
export interface SendResult {
  outcome: "delivered" | "retry" | "dead";
  statusCode: number | null;
  error: string | null;
  /** From the receiver's Retry-After, when it sent one. */
  retryAfterMs: number | null;
  /** Cut short by this process stopping (shutdown): not the channel's fault, not an attempt. */
  aborted?: boolean;
}

export const delivered = (statusCode: number | null, note: string | null = null): SendResult => ({ outcome: "delivered", statusCode, error: note, retryAfterMs: null });
export const retry = (error: string, statusCode: number | null = null, retryAfterMs: number | null = null): SendResult => ({ outcome: "retry", statusCode, error, retryAfterMs });
export const dead = (error: string, statusCode: number | null = null): SendResult => ({ outcome: "dead", statusCode, error, retryAfterMs: null });

/** Removes the destination, its path and query, the secret and header values from a text. */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  const pieces = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    pieces.add(s);
    try {
      const url = new URL(s);
      if (url.pathname.length > 1) pieces.add(url.pathname);
      if (url.search) pieces.add(url.search);
      if (url.password) pieces.add(url.password);
      url.username = "";
      url.password = "";
      pieces.add(url.href);
    } catch {
      /* not a URL: the value itself is enough */
    }
  }
  for (const p of [...pieces].sort((a, b) => b.length - a.length)) if (p.length >= 4) out = out.split(p).join("…");
  return out.replace(/[\r\n]+/g, " ").slice(0, 1000);
}
