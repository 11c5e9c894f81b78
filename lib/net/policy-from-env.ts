// The network policy for a client's outbound requests: the env allow-list
// (ALLOWED_PRIVATE_TARGETS, parsed once) plus the client's "allow private targets" flag.
import { getEnv } from "@/lib/env";
import { parseAllowList, type AllowList, type NetworkPolicy } from "./address-policy";

let cached: { text: string | undefined; allowList: AllowList; policies: Map<boolean, NetworkPolicy> } | undefined;

export function networkPolicy({ allowPrivate }: { allowPrivate: boolean }): NetworkPolicy {
  const text = getEnv().ALLOWED_PRIVATE_TARGETS;
  // Re-parse only when the setting changed (tests reset the env between cases).
  if (!cached || cached.text !== text) {
    let allowList: AllowList;
    try {
      allowList = Object.freeze(parseAllowList(text));
    } catch (error) {
      throw new Error(`Invalid configuration: ALLOWED_PRIVATE_TARGETS ${(error as Error).message}`, { cause: error });
    }
    cached = { text, allowList, policies: new Map() };
  }
  // The same object for the same inputs, so safe-fetch reuses one connection pool per policy.
  let policy = cached.policies.get(allowPrivate);
  if (!policy) {
    policy = Object.freeze({ allowPrivate, allowList: cached.allowList });
    cached.policies.set(allowPrivate, policy);
  }
  return policy;
}
