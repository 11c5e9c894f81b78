import { describe, expect, it } from "vitest";
import { filterClients, matchesClientQuery } from "./client-search";

const acme = { client_id: "acme-001", client_name: "ACME Logistics", industry: "Transport", tags: ["enterprise", "eu"] };
const tnt = { client_id: "tnt-limousine-001", client_name: "TNT Limousine", industry: null, tags: [] };

describe("client search", () => {
  it("matches everything for an empty or blank query", () => {
    expect(filterClients([acme, tnt], "")).toHaveLength(2);
    expect(filterClients([acme, tnt], "   ")).toHaveLength(2);
  });
  it("matches name, id, industry and tags case-insensitively", () => {
    expect(matchesClientQuery(acme, "acme")).toBe(true);
    expect(matchesClientQuery(tnt, "LIMOUSINE-001")).toBe(true);
    expect(matchesClientQuery(acme, "transport")).toBe(true);
    expect(matchesClientQuery(acme, "Enterprise")).toBe(true);
    expect(matchesClientQuery(tnt, "transport")).toBe(false);
  });
  it("requires every word to match somewhere", () => {
    expect(matchesClientQuery(acme, "acme eu")).toBe(true);
    expect(matchesClientQuery(acme, "acme us")).toBe(false);
  });
  it("keeps the order of the input", () => {
    expect(filterClients([tnt, acme], "0").map((c) => c.client_id)).toEqual(["tnt-limousine-001", "acme-001"]);
  });
});
