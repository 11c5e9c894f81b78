// The network policy for a client's outbound requests: the env allow-list
// (ALLOWED_PRIVATE_TARGETS, parsed once), the client's "allow private targets" flag, and this
// server's own demo fleet (the only private place every client may reach, see ownTargets).
import { getEnv } from "@/lib/env";
import { parseAllowList, type AllowList, type NetworkPolicy, type OwnTarget } from "./address-policy";

/** Where this server simulates the demo fleet (app/api/demo/fleet/**), below its base URL. */
export const DEMO_FLEET_PATH = "/api/demo/fleet/";

let cached: { key: string; allowList: AllowList; ownTargets: readonly OwnTarget[]; policies: Map<boolean, NetworkPolicy> } | undefined;

/**
 * The demo fleet on each origin this server is known to be, from facts the operator set, never
 * from a request's headers (a caller can send any Host): APP_URL (with its path), each of
 * ALLOWED_ORIGINS, and loopback at the port this process listens on (Next.js sets PORT to it).
 */
function ownTargetsFromEnv(): OwnTarget[] {
  const env = getEnv();
  const targets: OwnTarget[] = [];
  const add = (base: string) => {
    try {
      const url = new URL(base);
      if (url.protocol !== "http:" && url.protocol !== "https:") return;
      const pathPrefix = `${url.pathname.replace(/\/+$/, "")}${DEMO_FLEET_PATH}`;
      if (!targets.some((t) => t.origin === url.origin && t.pathPrefix === pathPrefix)) targets.push({ origin: url.origin, pathPrefix });
    } catch {
      // Not a URL: nothing of ours (APP_URL is validated by env; ALLOWED_ORIGINS is free text).
    }
  };
  if (env.APP_URL) add(env.APP_URL);
  for (const origin of (env.ALLOWED_ORIGINS ?? "").split(",")) if (origin.trim()) add(origin.trim());
  for (const host of ["localhost", "127.0.0.1", "[::1]"]) add(`http://${host}:${env.PORT}`);
  return targets;
}

export function networkPolicy({ allowPrivate }: { allowPrivate: boolean }): NetworkPolicy {
  const env = getEnv();
  const key = JSON.stringify([env.ALLOWED_PRIVATE_TARGETS, env.APP_URL, env.ALLOWED_ORIGINS, env.PORT]);
  // Re-parse only when the settings changed (tests reset the env between cases).
  if (!cached || cached.key !== key) {
    let allowList: AllowList;
    try {
      allowList = Object.freeze(parseAllowList(env.ALLOWED_PRIVATE_TARGETS));
    } catch (error) {
      throw new Error(`Invalid configuration: ALLOWED_PRIVATE_TARGETS ${(error as Error).message}`, { cause: error });
    }
    cached = { key, allowList, ownTargets: Object.freeze(ownTargetsFromEnv().map((t) => Object.freeze(t))), policies: new Map() };
  }
  // The same object for the same inputs, so safe-fetch reuses one connection pool per policy.
  let policy = cached.policies.get(allowPrivate);
  if (!policy) {
    policy = Object.freeze({ allowPrivate, allowList: cached.allowList, ownTargets: cached.ownTargets });
    cached.policies.set(allowPrivate, policy);
  }
  return policy;
}

/**
 * The own target a demo fleet at `baseUrl` falls under (so its checks reach this server even on
 * a private address), or undefined when `baseUrl` is not known to be this server.
 */
export function ownFleetTarget(baseUrl: string): OwnTarget | undefined {
  let fleet: URL;
  try {
    const base = new URL(baseUrl);
    fleet = new URL(`${base.origin}${base.pathname.replace(/\/+$/, "")}${DEMO_FLEET_PATH}`);
  } catch {
    return undefined;
  }
  return networkPolicy({ allowPrivate: false }).ownTargets?.find((t) => t.origin === fleet.origin && fleet.pathname === t.pathPrefix);
}
