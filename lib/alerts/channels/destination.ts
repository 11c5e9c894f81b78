// Where a channel sends, checked before it is stored: email addresses, or an http(s) URL that
// the network policy lets ClientPulse reach (the probes' rule: private addresses only when
// ALLOWED_PRIVATE_TARGETS allows them, link-local and cloud metadata never). The check here
// gives a precise field error at configuration time; the sender applies the same policy to
// the address it actually dials on every delivery (lib/net/safe-fetch), so DNS changing later
// cannot slip through. Also: webhook headers, the signing secret, and masking for output.
import { randomBytes } from "node:crypto";
import dns from "node:dns";
import net from "node:net";
import { z } from "zod";
import type { ChannelType } from "@/lib/alerts/contracts";
import type { FieldIssue } from "@/lib/errors";
import { isAddressAllowed, normalizeHostname, type NetworkPolicy } from "@/lib/net/address-policy";
import { networkPolicy } from "@/lib/net/policy-from-env";

export const MAX_EMAIL_RECIPIENTS = 20;
export const MAX_HEADERS = 10;
const MAX_HEADER_VALUE = 1024;
const MAX_HEADERS_BYTES = 4096;
const DNS_TIMEOUT_MS = 2000;
const SLACK_HOST = "hooks.slack.com";

/** The policy a channel's sends go through: the env allow-list, nothing per client, none of the demo fleet's own targets. */
export function channelNetworkPolicy(): NetworkPolicy {
  const base = networkPolicy({ allowPrivate: false });
  return { allowPrivate: false, allowList: base.allowList };
}

// Headers the sender sets itself (or that would break the request or its signature).
const RESERVED_HEADERS = new Set([
  "host", "content-length", "content-type", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer",
  "expect", "proxy-authorization", "cookie", "webhook-id", "webhook-timestamp", "webhook-signature", "user-agent",
]);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/;

export interface CheckedDestination {
  destination: string;
  warnings: string[];
  issues: FieldIssue[];
}

type Lookup = (host: string) => Promise<string[]>;
const systemLookup: Lookup = async (host) => (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Email: one or more addresses (comma, semicolon or space separated), stored as "a@x.com, b@y.com". */
function checkEmails(raw: string): CheckedDestination {
  const parts = raw.split(/[,;\s]+/).map((p) => p.trim()).filter(Boolean);
  const issues: FieldIssue[] = [];
  if (parts.length === 0) issues.push({ path: "destination", message: "needs at least one email address" });
  if (parts.length > MAX_EMAIL_RECIPIENTS) issues.push({ path: "destination", message: `at most ${MAX_EMAIL_RECIPIENTS} addresses` });
  const email = z.email();
  for (const p of parts) {
    if (!email.safeParse(p).success || p.length > 254) issues.push({ path: "destination", message: `"${p.slice(0, 100)}" is not a valid email address` });
  }
  const unique = [...new Map(parts.map((p) => [p.toLowerCase(), p])).values()];
  return { destination: unique.join(", "), warnings: [], issues };
}

/** An http(s) URL the policy lets us reach. */
async function checkUrl(type: ChannelType, raw: string, lookup: Lookup): Promise<CheckedDestination> {
  const fail = (message: string): CheckedDestination => ({ destination: raw, warnings: [], issues: [{ path: "destination", message }] });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail(`must be a valid URL, e.g. ${type === "slack" ? "https://hooks.slack.com/services/…" : "https://hooks.example.com/clientpulse"}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return fail("must be an http:// or https:// URL");
  if (url.username || url.password) return fail("must not contain a username or password (use a header instead)");
  if (url.href.length > 2048) return fail("must be at most 2048 characters");
  const policy = channelNetworkPolicy();
  const host = normalizeHostname(url.hostname);
  const warnings = staticWarnings(type, url.href);
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else if (host === "localhost" || host.endsWith(".localhost")) addresses = ["127.0.0.1"];
  else {
    try {
      addresses = await Promise.race([
        lookup(host),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), DNS_TIMEOUT_MS).unref()),
      ]);
    } catch {
      // Not resolvable from here now (no DNS, a name only the receiver's network knows): the
      // send-time check decides; say so instead of refusing a URL that may well be right.
      return { destination: url.href, warnings: [...warnings, `${host} could not be resolved now; the network policy is applied again on every send`], issues: [] };
    }
  }
  for (const ip of addresses) {
    const decision = isAddressAllowed({ ip, hostname: host, policy });
    if (!decision.ok) {
      const fix = decision.reason.includes("private targets") ? " (an admin can allow a private receiver with ALLOWED_PRIVATE_TARGETS)" : "";
      return fail(`is not reachable: ${decision.reason.replace("private targets are not allowed for this client", "private addresses are not allowed")}${fix}`);
    }
  }
  return { destination: url.href, warnings, issues: [] };
}

/** Warnings that follow from the stored destination alone (shown on every read). */
export function staticWarnings(type: ChannelType, destination: string): string[] {
  if (type === "email") return [];
  const warnings: string[] = [];
  try {
    const url = new URL(destination);
    if (type === "slack" && normalizeHostname(url.hostname) !== SLACK_HOST) {
      warnings.push(`not ${SLACK_HOST}: sent as a Slack-compatible webhook (Mattermost, Rocket.Chat)`);
    }
    if (url.protocol === "http:") warnings.push("http:// sends alerts unencrypted; prefer https://");
  } catch {
    // Stored destinations were validated; nothing to say about one that no longer parses.
  }
  return warnings;
}

export async function checkDestination(type: ChannelType, raw: string, lookup: Lookup = systemLookup): Promise<CheckedDestination> {
  return type === "email" ? checkEmails(raw) : checkUrl(type, raw, lookup);
}

/** Webhook headers: bounded in count and size, names as HTTP tokens, no CR/LF (header injection), none the sender sets. */
export function headerIssues(headers: Record<string, string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const names = Object.keys(headers);
  if (names.length > MAX_HEADERS) issues.push({ path: "headers", message: `at most ${MAX_HEADERS} headers` });
  let bytes = 0;
  const seen = new Set<string>();
  for (const name of names) {
    const value = headers[name];
    const path = `headers.${name}`;
    bytes += name.length + value.length;
    if (!HEADER_NAME.test(name)) issues.push({ path, message: "is not a valid header name (letters, digits and - only, at most 64)" });
    else if (RESERVED_HEADERS.has(name.toLowerCase())) issues.push({ path, message: "is set by ClientPulse itself and cannot be configured" });
    else if (seen.has(name.toLowerCase())) issues.push({ path, message: "is given twice (header names are case-insensitive)" });
    seen.add(name.toLowerCase());
    if (/[\r\n\0]/.test(value)) issues.push({ path, message: "must not contain line breaks or NUL characters" });
    else if (value.length > MAX_HEADER_VALUE) issues.push({ path, message: `must be at most ${MAX_HEADER_VALUE} characters` });
  }
  if (bytes > MAX_HEADERS_BYTES) issues.push({ path: "headers", message: `must be at most ${MAX_HEADERS_BYTES} bytes in all` });
  return issues;
}

/** A Standard Webhooks signing secret: whsec_ + base64 of 24 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

/** Is `value` a usable Standard Webhooks secret (whsec_ + base64 of 24–64 bytes)? */
export function isWebhookSecret(value: string): boolean {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value);
  if (!m) return false;
  const bytes = Buffer.from(m[1], "base64").length;
  return bytes >= 24 && bytes <= 64;
}

/**
 * What every edge shows of a destination: email addresses as they are; a URL as
 * scheme://host/…last4 (Slack and webhook URLs carry their credential in the path or query).
 */
export function maskDestination(type: ChannelType, destination: string): string {
  if (type === "email") return destination;
  try {
    const url = new URL(destination);
    const rest = `${url.pathname}${url.search}`.replace(/^\/$/, "");
    return `${url.protocol}//${url.host}/${rest.length > 4 ? `…${rest.slice(-4)}` : rest.replace(/^\//, "")}`;
  } catch {
    return "…";
  }
}
