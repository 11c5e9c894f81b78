import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { isAddressAllowed } from "./address-policy";
import { networkPolicy } from "./policy-from-env";

const original = process.env.ALLOWED_PRIVATE_TARGETS;

afterEach(() => {
  if (original === undefined) delete process.env.ALLOWED_PRIVATE_TARGETS;
  else process.env.ALLOWED_PRIVATE_TARGETS = original;
  resetEnvCache();
});

function withSetting(value: string | undefined) {
  if (value === undefined) delete process.env.ALLOWED_PRIVATE_TARGETS;
  else process.env.ALLOWED_PRIVATE_TARGETS = value;
  resetEnvCache();
}

describe("networkPolicy", () => {
  it("combines ALLOWED_PRIVATE_TARGETS with the client's flag", () => {
    withSetting("127.0.0.1,10.0.0.0/8,fleet.internal");
    const strict = networkPolicy({ allowPrivate: false });
    expect(strict.allowPrivate).toBe(false);
    expect(isAddressAllowed({ ip: "10.9.9.9", policy: strict }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "192.168.1.1", hostname: "fleet.internal", policy: strict }).ok).toBe(true);
    expect(isAddressAllowed({ ip: "192.168.1.1", policy: strict }).ok).toBe(false);
    expect(isAddressAllowed({ ip: "192.168.1.1", policy: networkPolicy({ allowPrivate: true }) }).ok).toBe(true);
  });

  it("returns the same policy object for the same inputs (one connection pool each)", () => {
    withSetting("127.0.0.1");
    expect(networkPolicy({ allowPrivate: false })).toBe(networkPolicy({ allowPrivate: false }));
    expect(networkPolicy({ allowPrivate: true })).not.toBe(networkPolicy({ allowPrivate: false }));
  });

  it("allows nothing private when the setting is unset", () => {
    withSetting(undefined);
    expect(networkPolicy({ allowPrivate: false }).allowList).toEqual([]);
  });

  it("names the setting and the entry when the setting is invalid", () => {
    withSetting("127.0.0.1,10.0.0.0/40");
    expect(() => networkPolicy({ allowPrivate: false })).toThrow(/ALLOWED_PRIVATE_TARGETS .*"10\.0\.0\.0\/40"/);
  });
});
