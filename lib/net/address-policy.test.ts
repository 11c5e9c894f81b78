import { describe, expect, it } from "vitest";
import { classifyAddress, describeAddress, isAddressAllowed, isOwnTarget, parseAllowList, type NetworkPolicy } from "./address-policy";

const closed: NetworkPolicy = { allowPrivate: false, allowList: [] };

describe("classifyAddress", () => {
  it.each([
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["2606:4700:4700::1111", "public"],
    ["::ffff:8.8.8.8", "public"],
  ])("%s is public", (ip, cls) => expect(classifyAddress(ip)).toBe(cls));

  it.each([
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.254", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["fc00::1", "unique-local"],
    ["fd12:3456::1", "unique-local"],
    // IPv4-mapped IPv6 is judged as the IPv4 address it carries.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["[::1]", "loopback"],
  ])("%s is private (%s)", (ip, label) => {
    expect(describeAddress(ip)).toMatchObject({ class: "private", label });
  });

  it.each([
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["169.254.170.2", "link-local (cloud metadata)"],
    ["169.254.1.1", "link-local"],
    ["fd00:ec2::254", "cloud metadata"],
    ["100.100.100.200", "cloud metadata"],
    ["::ffff:169.254.169.254", "link-local (cloud metadata)"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["64:ff9b::a9fe:a9fe", "NAT64 of link-local (cloud metadata)"],
    ["not-an-ip", "not a valid IP address"],
    ["0x7f000001", "not a valid IP address"],
  ])("%s is forbidden (%s)", (ip, label) => {
    expect(describeAddress(ip)).toMatchObject({ class: "forbidden", label });
  });

  // IPv6 forms that carry an IPv4 address are judged by it (the worst, when there are several).
  it.each([
    // 6to4 2002:AABB:CCDD::/48 = site of A.B.C.D (bits 16–47)
    ["2002:7f00:1::1", "private", "6to4 of loopback"],
    ["2002:0a00:0001:1::1", "private", "6to4 of private"],
    ["2002:c0a8:0101::", "private", "6to4 of private"],
    ["2002:a9fe:a9fe::1", "forbidden", "6to4 of link-local (cloud metadata)"],
    ["2002:0808:0808::1", "public", "public"],
    // Teredo 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC — server IPv4 in bits 32–63, client IPv4 inverted in the last 32
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "private", "Teredo of loopback"], // client 127.0.0.1
    ["2001:0:4136:e378:8000:63bf:f5ff:fffe", "private", "Teredo of private"], // client 10.0.0.1
    ["2001:0:a9fe:a9fe:8000:63bf:3fff:fdd2", "forbidden", "Teredo of link-local (cloud metadata)"], // server 169.254.169.254
    ["2001:0:0a00:0001:8000:63bf:f7f7:f7f7", "private", "Teredo of private"], // server 10.0.0.1, client 8.8.8.8
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "forbidden", "Teredo of reserved"], // RFC 4380's example: client 192.0.2.45 (TEST-NET-1)
    ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", "public", "public"], // server 65.54.227.120, client 8.8.8.8
    // NAT64, well-known and local-use (RFC 8215: every RFC 6052 position is a candidate)
    ["64:ff9b::7f00:1", "private", "NAT64 of loopback"],
    ["64:ff9b::808:808", "public", "public"],
    ["64:ff9b:1:7f00:1::", "private", "NAT64 of loopback"],
    // ISATAP interface ids (any prefix) ::0:5efe:A.B.C.D / ::200:5efe:A.B.C.D
    ["2606:4700::5efe:a00:1", "private", "ISATAP of private"],
    ["2606:4700::200:5efe:7f00:1", "private", "ISATAP of loopback"],
    // IPv4-compatible (::/96) and SIIT (::ffff:0:0:0/96) are never reachable, in any spelling
    ["::127.0.0.1", "forbidden", "reserved"],
    ["::7f00:1", "forbidden", "reserved"],
    ["::8.8.8.8", "forbidden", "reserved"],
    ["::ffff:0:127.0.0.1", "forbidden", "reserved"],
  ])("%s is %s (%s)", (ip, cls, label) => {
    expect(describeAddress(ip)).toMatchObject({ class: cls, label });
  });

  it("refuses an embedded private address with a reason naming the form", () => {
    const decision = isAddressAllowed({ ip: "2002:7f00:1::1", policy: closed });
    expect(decision).toEqual({
      ok: false,
      reason: "blocked by network policy (2002:7f00:1::1 is a 6to4 of loopback address; private targets are not allowed for this client)",
    });
    expect(isAddressAllowed({ ip: "2001:0:a9fe:a9fe:8000:63bf:3fff:fdd2", policy: { allowPrivate: true, allowList: [] } }).ok).toBe(false);
  });

  it("canonicalises mapped IPv6 to IPv4", () => {
    expect(describeAddress("::ffff:127.0.0.1").ip).toBe("127.0.0.1");
  });
});

describe("parseAllowList", () => {
  it("reads CIDRs, single addresses and hostnames, comma or space separated", () => {
    const list = parseAllowList(" 127.0.0.1, 10.0.0.0/8  fleet.Internal., fd00::/8,, ");
    expect(list.map((e) => (e.type === "host" ? `host ${e.host}` : `cidr ${e.cidr[0].toString()}/${e.cidr[1]}`))).toEqual([
      "cidr 127.0.0.1/32",
      "cidr 10.0.0.0/8",
      "host fleet.internal",
      "cidr fd00::/8",
    ]);
  });

  it("is empty for an unset or blank setting", () => {
    expect(parseAllowList(undefined)).toEqual([]);
    expect(parseAllowList(" , ")).toEqual([]);
  });

  it.each(["10.0.0.0/33", "10.0.0/8", "bad_host!", "10.0.0", "0x7f000001", "-leading.example"])(
    "throws naming the invalid entry %s",
    (entry) => {
      expect(() => parseAllowList(`127.0.0.1,${entry}`)).toThrow(`"${entry}"`);
    },
  );
});

describe("isAddressAllowed", () => {
  const withList = (text: string, allowPrivate = false): NetworkPolicy => ({ allowPrivate, allowList: parseAllowList(text) });

  it("allows public addresses under the closed policy", () => {
    expect(isAddressAllowed({ ip: "93.184.216.34", policy: closed })).toEqual({ ok: true });
  });

  it("refuses private addresses unless allowed, with a readable reason", () => {
    const decision = isAddressAllowed({ ip: "127.0.0.1", policy: closed });
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason).toMatch(/^blocked by network policy \(127\.0\.0\.1 is loopback/);
    expect(isAddressAllowed({ ip: "10.0.0.5", policy: closed }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "::ffff:127.0.0.1", policy: closed }).ok).toBe(false);
  });

  it("allows private addresses for a client with the allowance", () => {
    expect(isAddressAllowed({ ip: "10.0.0.5", policy: { allowPrivate: true, allowList: [] } })).toEqual({ ok: true });
  });

  it("allows private addresses inside an allow-listed CIDR, including their mapped IPv6 form", () => {
    const policy = withList("10.0.0.0/8,127.0.0.1");
    expect(isAddressAllowed({ ip: "10.20.30.40", policy }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "::ffff:10.20.30.40", policy }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "127.0.0.1", policy }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "127.0.0.2", policy }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "192.168.0.1", policy }).ok).toBe(false);
  });

  it("allows a private address reached through an allow-listed hostname", () => {
    const policy = withList("fleet.internal");
    expect(isAddressAllowed({ ip: "192.168.5.5", hostname: "FLEET.internal.", policy }).ok).toBe(true);
    const other = isAddressAllowed({ ip: "192.168.5.5", hostname: "other.internal", policy });
    expect(other).toEqual({
      ok: false,
      reason:
        "blocked by network policy (other.internal resolves to 192.168.5.5, which is a private address; private targets are not allowed for this client)",
    });
  });

  it("never allows forbidden addresses, even when allow-listed or allowed for the client", () => {
    const policy = withList("169.254.0.0/16,fd00::/8,metadata.google.internal", true);
    expect(isAddressAllowed({ ip: "169.254.169.254", policy })).toEqual({
      ok: false,
      reason: "blocked by network policy (169.254.169.254 is link-local (cloud metadata))",
    });
    expect(isAddressAllowed({ ip: "169.254.169.254", hostname: "metadata.google.internal", policy }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "fd00:ec2::254", policy }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "::ffff:169.254.169.254", policy }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "fe80::1", policy }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "224.0.0.1", policy }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "255.255.255.255", policy }).ok).toBe(false);
  });
});

describe("own targets (this server's demo fleet)", () => {
  const own: NetworkPolicy = {
    allowPrivate: false,
    allowList: [],
    ownTargets: [
      { origin: "http://localhost:3000", pathPrefix: "/api/demo/fleet/" },
      { origin: "https://pulse.internal", pathPrefix: "/app/api/demo/fleet/" },
    ],
  };

  it("matches exactly the origin (port included) and the path prefix", () => {
    expect(isOwnTarget(new URL("http://localhost:3000/api/demo/fleet/a/b/health"), own)).toBe(true);
    expect(isOwnTarget(new URL("https://pulse.internal:443/app/api/demo/fleet/a/b/health"), own)).toBe(true);
    expect(isOwnTarget(new URL("http://localhost:3001/api/demo/fleet/a/b/health"), own)).toBe(false);
    expect(isOwnTarget(new URL("https://localhost:3000/api/demo/fleet/a/b/health"), own)).toBe(false);
    expect(isOwnTarget(new URL("http://localhost:3000/api/clients"), own)).toBe(false);
    expect(isOwnTarget(new URL("http://localhost:3000/api/demo/fleet/../../clients"), own)).toBe(false); // URL resolves the dots first
    expect(isOwnTarget(new URL("https://pulse.internal/api/demo/fleet/a/b/health"), own)).toBe(false);
    expect(isOwnTarget(new URL("http://localhost:3000/api/demo/fleet/x"), closed)).toBe(false);
  });

  it("allows the own origin's private address, and only for that origin", () => {
    expect(isAddressAllowed({ ip: "127.0.0.1", hostname: "localhost", origin: "http://localhost:3000", policy: own }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "::1", hostname: "localhost", origin: "http://localhost:3000", policy: own }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "10.1.2.3", hostname: "pulse.internal", origin: "https://pulse.internal", policy: own }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "127.0.0.1", hostname: "localhost", origin: "http://localhost:3001", policy: own }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "127.0.0.1", hostname: "localhost", policy: own }).ok).toBe(false); // no origin: not an own-target request
  });

  it("requires a loopback name of ours to resolve to loopback, and never allows forbidden addresses", () => {
    expect(isAddressAllowed({ ip: "10.0.0.5", hostname: "localhost", origin: "http://localhost:3000", policy: own }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "169.254.169.254", hostname: "pulse.internal", origin: "https://pulse.internal", policy: own }).ok).toBe(false);
  });
});
