import { describe, expect, it } from "vitest";
import { clientIdSchema } from "@/lib/clients/schemas";
import { suggestClientId } from "./slug";

describe("suggestClientId", () => {
  it("turns names into slugs the client_id schema accepts", () => {
    for (const [name, slug] of [
      ["TNT Limousine", "tnt-limousine"],
      ["  Café Crème  GmbH ", "cafe-creme-gmbh"],
      ["Smith & Sons, Ltd.", "smith-and-sons-ltd"],
      ["ACME 001", "acme-001"],
    ] as const) {
      expect(suggestClientId(name)).toBe(slug);
      expect(clientIdSchema.safeParse(slug).success).toBe(true);
    }
  });
  it("returns an empty suggestion for names without letters or digits", () => {
    expect(suggestClientId("!!!")).toBe("");
  });
  it("never ends with a dash after truncation", () => {
    const slug = suggestClientId(`${"a".repeat(63)} b`);
    expect(slug.length).toBeLessThanOrEqual(64);
    expect(slug.endsWith("-")).toBe(false);
  });
});
