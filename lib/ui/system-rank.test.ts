import { describe, expect, it } from "vitest";
import { bySeverity, worstSystem } from "./system-rank";

type S = { name: string; status: "healthy" | "degraded" | "down" | "unknown"; enabled: boolean };
const s = (name: string, status: S["status"], enabled = true): S => ({ name, status, enabled });

describe("worstSystem", () => {
  it("picks down over degraded over unknown (misconfigured, awaiting) over healthy", () => {
    expect(worstSystem([s("a", "healthy"), s("b", "degraded"), s("c", "down"), s("d", "unknown")])?.name).toBe("c");
    expect(worstSystem([s("a", "healthy"), s("b", "unknown"), s("c", "degraded")])?.name).toBe("c");
    expect(worstSystem([s("a", "healthy"), s("b", "unknown")])?.name).toBe("b");
  });

  it("takes the first of equally bad systems, and the first when all are healthy", () => {
    expect(worstSystem([s("a", "healthy"), s("b", "down"), s("c", "down")])?.name).toBe("b");
    expect(worstSystem([s("a", "healthy"), s("b", "healthy")])?.name).toBe("a");
  });

  it("ranks a paused system (stale status) after every monitored one", () => {
    expect(worstSystem([s("paused", "down", false), s("b", "healthy")])?.name).toBe("b");
    expect(worstSystem([s("paused", "down", false)])?.name).toBe("paused");
  });

  it("is undefined for no systems", () => {
    expect(worstSystem([])).toBeUndefined();
  });
});

describe("bySeverity", () => {
  it("orders worst first and keeps the given order within a status", () => {
    const list = [s("h1", "healthy"), s("d1", "down"), s("u1", "unknown"), s("h2", "healthy"), s("g1", "degraded"), s("d2", "down"), s("p", "degraded", false)];
    expect(bySeverity(list).map((x) => x.name)).toEqual(["d1", "d2", "g1", "u1", "h1", "h2", "p"]);
    expect(list[0]!.name).toBe("h1"); // the input is not reordered
  });
});
