import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { isAddressAllowed } from "./address-policy";
import { networkPolicy, ownFleetTarget } from "./policy-from-env";

const NAMES = ["ALLOWED_PRIVATE_TARGETS", "APP_URL", "ALLOWED_ORIGINS", "PORT"] as const;
const original = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));

afterEach(() => {
  for (const n of NAMES) {
    if (original[n] === undefined) delete process.env[n];
    else process.env[n] = original[n];
  }
  resetEnvCache();
});

function withEnv(values: Partial<Record<(typeof NAMES)[number], string>>) {
  for (const n of NAMES) {
    if (values[n] === undefined) delete process.env[n];
    else process.env[n] = values[n];
  }
  resetEnvCache();
}

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

describe("this server's own targets (the demo fleet)", () => {
  it("are the demo fleet on loopback at PORT when nothing else is configured", () => {
    withEnv({ PORT: "4123" });
    expect(networkPolicy({ allowPrivate: false }).ownTargets).toEqual([
      { origin: "http://localhost:4123", pathPrefix: "/api/demo/fleet/" },
      { origin: "http://127.0.0.1:4123", pathPrefix: "/api/demo/fleet/" },
      { origin: "http://[::1]:4123", pathPrefix: "/api/demo/fleet/" },
    ]);
    expect(ownFleetTarget("http://127.0.0.1:4123")).toEqual({ origin: "http://127.0.0.1:4123", pathPrefix: "/api/demo/fleet/" });
    expect(ownFleetTarget("http://127.0.0.1:4124")).toBeUndefined(); // another port is another service
    expect(ownFleetTarget("http://10.0.0.5:4123")).toBeUndefined();
  });

  it("add APP_URL (with its path) and ALLOWED_ORIGINS, which the operator set", () => {
    withEnv({ PORT: "3000", APP_URL: "https://pulse.internal/app/", ALLOWED_ORIGINS: "http://pulse.lan:8080, not a url" });
    const targets = networkPolicy({ allowPrivate: true }).ownTargets;
    expect(targets?.slice(0, 2)).toEqual([
      { origin: "https://pulse.internal", pathPrefix: "/app/api/demo/fleet/" },
      { origin: "http://pulse.lan:8080", pathPrefix: "/api/demo/fleet/" },
    ]);
    expect(ownFleetTarget("https://pulse.internal/app")?.origin).toBe("https://pulse.internal");
    expect(ownFleetTarget("https://pulse.internal")).toBeUndefined(); // not where the app lives
    expect(ownFleetTarget("http://pulse.lan:8080/")?.origin).toBe("http://pulse.lan:8080");
  });
});
