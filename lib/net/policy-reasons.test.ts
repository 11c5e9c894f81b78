import { describe, expect, it } from "vitest";
import { isAddressAllowed } from "./address-policy";
import { policyBlockOf } from "./policy-reasons";

describe("policyBlockOf", () => {
  const policy = { allowPrivate: false, allowList: [] };
  it("recognises the policy's own refusals: private (the client setting would lift it) or forbidden", () => {
    const privateRefusal = isAddressAllowed({ ip: "192.168.1.5", policy });
    const forbiddenRefusal = isAddressAllowed({ ip: "169.254.169.254", policy });
    expect(policyBlockOf(!privateRefusal.ok ? privateRefusal.reason : null)).toBe("private");
    expect(policyBlockOf(!forbiddenRefusal.ok ? forbiddenRefusal.reason : null)).toBe("forbidden");
  });
  it("is null for any other reason", () => {
    expect(policyBlockOf(null)).toBeNull();
    expect(policyBlockOf("HTTP 503")).toBeNull();
    expect(policyBlockOf("timeout after 10000 ms")).toBeNull();
  });
});
