// Which network addresses ClientPulse may connect to. Pure: no DNS, no sockets.
// safe-fetch applies this to every address a connection is about to be made to (after DNS,
// and for IP literals), so the decision is made on the address actually dialled.
import ipaddr from "ipaddr.js";
import { POLICY_REASON_PREFIX, PRIVATE_NOT_ALLOWED } from "./policy-reasons";

/**
 * public    — reachable on the internet: always allowed.
 * private   — RFC 1918, loopback, CGNAT, IPv6 unique-local, "this network" (0.0.0.0/8, ::):
 *             allowed only where an admin allowed it (per client, or the env allow-list).
 * forbidden — link-local (includes cloud metadata), multicast, broadcast, reserved: never.
 */
export type AddressClass = "public" | "private" | "forbidden";

export interface AddressInfo {
  /** Canonical form of the address (IPv4-mapped IPv6 reduced to IPv4). */
  ip: string;
  class: AddressClass;
  /** Why it has that class, for messages: "link-local", "loopback", "cloud metadata", ... */
  label: string;
}

type Range = { cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]; class: AddressClass; label: string };

function range(cidr: string, cls: AddressClass, label: string): Range {
  return { cidr: ipaddr.parseCIDR(cidr), class: cls, label };
}

// Checked in order; the first match wins, so specific entries come before the ranges holding them.
const RANGES: Range[] = [
  // Cloud metadata endpoints. 169.254.169.254 is link-local anyway; fd00:ec2::254 (AWS IMDS
  // over IPv6) sits inside fc00::/7 and 100.100.100.200 (Alibaba) inside CGNAT, both of which
  // would otherwise be merely "private" and allow-listable.
  range("169.254.169.254/32", "forbidden", "link-local (cloud metadata)"),
  range("169.254.170.2/32", "forbidden", "link-local (cloud metadata)"),
  range("100.100.100.200/32", "forbidden", "cloud metadata"),
  range("fd00:ec2::254/128", "forbidden", "cloud metadata"),
  // IPv4
  range("0.0.0.0/8", "private", "unspecified"), // 0.0.0.0 reaches the local host on Linux
  range("10.0.0.0/8", "private", "private"),
  range("172.16.0.0/12", "private", "private"),
  range("192.168.0.0/16", "private", "private"),
  range("127.0.0.0/8", "private", "loopback"),
  range("100.64.0.0/10", "private", "carrier-grade NAT"),
  range("169.254.0.0/16", "forbidden", "link-local"),
  range("224.0.0.0/4", "forbidden", "multicast"),
  range("255.255.255.255/32", "forbidden", "broadcast"),
  range("240.0.0.0/4", "forbidden", "reserved"),
  range("192.0.0.0/24", "forbidden", "reserved"),
  range("192.0.2.0/24", "forbidden", "reserved"), // TEST-NET-1
  range("198.51.100.0/24", "forbidden", "reserved"), // TEST-NET-2
  range("203.0.113.0/24", "forbidden", "reserved"), // TEST-NET-3
  range("198.18.0.0/15", "forbidden", "reserved"), // benchmarking
  range("192.88.99.0/24", "forbidden", "reserved"), // deprecated 6to4 relay anycast
  // IPv6
  range("::/128", "private", "unspecified"),
  range("::1/128", "private", "loopback"),
  range("fc00::/7", "private", "unique-local"),
  range("fec0::/10", "private", "site-local"),
  range("fe80::/10", "forbidden", "link-local"),
  range("ff00::/8", "forbidden", "multicast"),
  range("::/96", "forbidden", "reserved"), // deprecated IPv4-compatible addresses
  range("100::/64", "forbidden", "reserved"), // discard-only
  range("2001:db8::/32", "forbidden", "reserved"), // documentation
  range("2001:2::/48", "forbidden", "reserved"), // benchmarking
  range("3fff::/20", "forbidden", "reserved"), // documentation
  range("::ffff:0:0:0/96", "forbidden", "reserved"), // IPv4-translated (SIIT)
];

// IPv6 forms that carry an IPv4 address a gateway or relay would deliver to: they are judged
// by the embedded address(es), never by the IPv6 prefix (which is often "public"). Where more
// than one IPv4 address may be meant, the worst class wins. (IPv4-mapped ::ffff:0:0/96 is
// reduced to IPv4 when parsed; IPv4-compatible ::/96 and SIIT ::ffff:0:0:0/96 are forbidden.)
interface EmbeddingForm {
  name: string;
  cidr: [ipaddr.IPv6, number];
  /** The IPv4 addresses the form may stand for, from the 16 bytes. */
  embedded(bytes: number[]): number[][];
}

const v6 = (cidr: string) => ipaddr.parseCIDR(cidr) as [ipaddr.IPv6, number];
const EMBEDDING_FORMS: EmbeddingForm[] = [
  // RFC 6052 well-known NAT64 prefix: IPv4 in the last 32 bits.
  { name: "NAT64", cidr: v6("64:ff9b::/96"), embedded: (b) => [b.slice(12, 16)] },
  // RFC 8215 local-use NAT64: the network chooses the prefix length (/48 … /96), so every
  // RFC 6052 position is a candidate (bits 64–71 are the reserved "u" octet, skipped).
  {
    name: "NAT64",
    cidr: v6("64:ff9b:1::/48"),
    embedded: (b) => [
      [b[6], b[7], b[9], b[10]], // /48
      [b[7], b[9], b[10], b[11]], // /56
      [b[9], b[10], b[11], b[12]], // /64
      b.slice(12, 16), // /96
    ],
  },
  // RFC 3056 6to4: 2002:AABB:CCDD::/48 is the site of IPv4 A.B.C.D (bits 16–47).
  { name: "6to4", cidr: v6("2002::/16"), embedded: (b) => [b.slice(2, 6)] },
  // RFC 4380 Teredo: server IPv4 in bits 32–63, client IPv4 in the last 32 bits, inverted.
  { name: "Teredo", cidr: v6("2001::/32"), embedded: (b) => [b.slice(4, 8), b.slice(12, 16).map((x) => x ^ 0xff)] },
];

// RFC 5214 ISATAP: any prefix, interface id 0000:5efe or 0200:5efe (the u/g bits may vary) + IPv4.
function isatapEmbedded(b: number[]): number[][] {
  return (b[8] & 0xfc) === 0 && b[9] === 0 && b[10] === 0x5e && b[11] === 0xfe ? [b.slice(12, 16)] : [];
}

const SEVERITY: Record<AddressClass, number> = { public: 0, private: 1, forbidden: 2 };

/** Parses and canonicalises an address; IPv4-mapped IPv6 becomes the IPv4 address. */
function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  // Only the standard textual forms (what DNS returns and WHATWG URL produces); ipaddr.parse
  // would also accept "0x7f.1" style IPv4, which is not how addresses reach us.
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return undefined;
  // Zone ids (fe80::1%eth0) are accepted by ipaddr; the zone does not change the class.
  let addr = ipaddr.parse(bare);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && !/ffff/i.test(bare)) {
    // ipaddr.js reads "::a.b.c.d" (IPv4-compatible) as "::ffff:a.b.c.d"; put the zeros back.
    addr = ipaddr.fromByteArray([...new Array<number>(12).fill(0), ...addr.toByteArray().slice(12)]);
  }
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (addr as ipaddr.IPv6).toIPv4Address();
  }
  return addr;
}

function matches(addr: ipaddr.IPv4 | ipaddr.IPv6, cidr: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  return addr.kind() === cidr[0].kind() && addr.match(cidr);
}

/** Class, canonical form and label of an address. Anything unparseable is forbidden (fail closed). */
export function describeAddress(ip: string): AddressInfo {
  const addr = parseAddress(ip.trim());
  if (!addr) return { ip, class: "forbidden", label: "not a valid IP address" };
  const own = RANGES.find((r) => matches(addr, r.cidr));
  let info: AddressInfo = own ? { ip: addr.toString(), class: own.class, label: own.label } : { ip: addr.toString(), class: "public", label: "public" };
  if (addr.kind() === "ipv6") {
    const bytes = addr.toByteArray();
    const forms: Array<{ name: string; v4s: number[][] }> = EMBEDDING_FORMS.filter((f) => matches(addr, f.cidr)).map((f) => ({ name: f.name, v4s: f.embedded(bytes) }));
    const isatap = isatapEmbedded(bytes);
    if (isatap.length) forms.push({ name: "ISATAP", v4s: isatap });
    for (const form of forms) {
      for (const v4 of form.v4s) {
        const inner = describeAddress(v4.join("."));
        // The embedded address decides unless the IPv6 address itself is already as bad.
        if (SEVERITY[inner.class] > SEVERITY[info.class]) {
          info = { ip: addr.toString(), class: inner.class, label: `${form.name} of ${inner.label}` };
        }
      }
    }
  }
  return info;
}

export function classifyAddress(ip: string): AddressClass {
  return describeAddress(ip).class;
}

// ---------------------------------------------------------------------------------------
// Allow-list: "10.0.0.0/8, 127.0.0.1, fleet.internal"

type AllowListEntry =
  | { type: "cidr"; text: string; cidr: [ipaddr.IPv4 | ipaddr.IPv6, number] }
  | { type: "host"; text: string; host: string };

export type AllowList = readonly AllowListEntry[];

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Lower-case, no trailing dot, no IPv6 brackets: the form hostnames are compared in. */
export function normalizeHostname(hostname: string): string {
  let h = hostname.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  return h;
}

/**
 * Parses a comma- (or whitespace-) separated list of CIDRs, single IPs and hostnames.
 * Throws an Error naming the first invalid entry. Hostnames match exactly (no wildcards).
 */
export function parseAllowList(text: string | undefined): AllowList {
  if (!text) return [];
  const entries: AllowListEntry[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const item = raw.trim();
    if (!item) continue;
    if (item.includes("/")) {
      let cidr: [ipaddr.IPv4 | ipaddr.IPv6, number];
      try {
        // ipaddr also accepts "10.0.0/8"; only the standard forms are unambiguous to a reader.
        if (!parseAddress(item.slice(0, item.indexOf("/")))) throw new Error("not a standard address");
        cidr = ipaddr.parseCIDR(item);
      } catch {
        throw new Error(`Invalid allow-list entry "${item}": not a valid CIDR (e.g. 10.0.0.0/8)`);
      }
      const [base, bits] = cidr;
      // "::ffff:10.0.0.0/104" → 10.0.0.0/8, so it matches the canonical (IPv4) form of addresses.
      if (base.kind() === "ipv6" && (base as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
        cidr = [(base as ipaddr.IPv6).toIPv4Address(), bits - 96];
      }
      entries.push({ type: "cidr", text: item, cidr });
      continue;
    }
    const addr = parseAddress(item);
    if (addr) {
      entries.push({ type: "cidr", text: item, cidr: [addr, addr.kind() === "ipv4" ? 32 : 128] });
      continue;
    }
    const host = normalizeHostname(item);
    // Reject things that look numeric (e.g. "10.0.0", "0x7f000001") instead of treating them as names.
    if (!HOSTNAME.test(host) || /^[0-9.]+$/.test(host) || /^0x[0-9a-f]+$/.test(host)) {
      throw new Error(`Invalid allow-list entry "${item}": expected a hostname, an IP address or a CIDR`);
    }
    entries.push({ type: "host", text: item, host });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------

/**
 * A place on this very server (e.g. the demo fleet it simulates): requests to exactly this
 * origin (scheme, host and port) and under this path may reach the private address the host
 * resolves to. Nothing else of the origin, no other port, no other host.
 */
export interface OwnTarget {
  /** As URL.origin serialises it: "http://localhost:3000". */
  origin: string;
  /** Starts and ends with "/": "/api/demo/fleet/". */
  pathPrefix: string;
}

export interface NetworkPolicy {
  /** An admin allowed private addresses for this client. */
  allowPrivate: boolean;
  /** Hosts and CIDRs whose private addresses are reachable for everyone. */
  allowList: AllowList;
  /** This server's own endpoints, reachable by everyone even on a private address. */
  ownTargets?: readonly OwnTarget[];
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1"]);

/** Is this URL one of the policy's own targets (origin exactly, path under the prefix)? */
export function isOwnTarget(url: URL, policy: NetworkPolicy): boolean {
  return (policy.ownTargets ?? []).some((t) => t.origin === url.origin && url.pathname.startsWith(t.pathPrefix));
}

export type PolicyDecision = { ok: true } | { ok: false; reason: string };

/**
 * May a connection be made to `ip` (reached through `hostname`, if any)?
 * Forbidden addresses are refused even when allow-listed; private ones need the client's
 * allowance, an allow-listed CIDR containing the address, or an allow-listed hostname.
 */
export function isAddressAllowed({
  ip,
  hostname,
  origin,
  policy,
}: {
  ip: string;
  hostname?: string;
  /**
   * The origin being connected to, when the caller has checked that the request is for one of
   * `policy.ownTargets` (path included): then that origin's own private address is allowed.
   */
  origin?: string;
  policy: NetworkPolicy;
}): PolicyDecision {
  const info = describeAddress(ip);
  const host = hostname ? normalizeHostname(hostname) : undefined;
  // "169.254.169.254 is link-local" / "meta.example resolves to 169.254.169.254, which is link-local"
  const subject = host && host !== info.ip ? `${host} resolves to ${info.ip}, which` : info.ip;
  if (info.class === "forbidden") {
    return { ok: false, reason: `${POLICY_REASON_PREFIX} (${subject} is ${phrase(info.label)})` };
  }
  if (info.class === "public" || policy.allowPrivate) return { ok: true };
  if (origin !== undefined && policy.ownTargets?.some((t) => t.origin === origin)) {
    // A loopback name of ours must resolve to loopback; any other own name is the admin's
    // APP_URL / ALLOWED_ORIGINS, whose private address is where this server is reached.
    const ownHost = normalizeHostname(new URL(origin).hostname);
    if (!LOOPBACK_NAMES.has(ownHost) || info.label === "loopback") return { ok: true };
  }
  const addr = parseAddress(info.ip)!;
  for (const entry of policy.allowList) {
    if (entry.type === "cidr" ? matches(addr, entry.cidr) : host !== undefined && entry.host === host) {
      return { ok: true };
    }
  }
  return {
    ok: false,
    reason: `${POLICY_REASON_PREFIX} (${subject} is ${phrase(info.label)}; ${PRIVATE_NOT_ALLOWED})`,
  };
}

function phrase(label: string): string {
  switch (label) {
    case "private":
      return "a private address";
    case "cloud metadata":
      return "a cloud metadata address";
    case "carrier-grade NAT":
      return "in the carrier-grade NAT range";
    case "not a valid IP address":
      return label;
    default:
      return /^(NAT64|6to4|Teredo|ISATAP) of /.test(label) ? `a ${label} address` : label;
  }
}
