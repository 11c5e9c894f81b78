import { describe, expect, it } from "vitest";
import { performanceDirection } from "./performance-direction";

const dir = (successRatePoints: number | null, volumeChangePct: number | null) => performanceDirection({ successRatePoints, volumeChangePct });

describe("performanceDirection", () => {
  it("success rate: ±1 point is a move, 0.99 is not", () => {
    expect(dir(1, 0)).toBe("improving");
    expect(dir(0.99, 0)).toBe("stable");
    expect(dir(-1, 0)).toBe("declining");
    expect(dir(-0.99, 0)).toBe("stable");
  });
  it("volume: ±20 % is a move, 19.99 % is not", () => {
    expect(dir(0, 20)).toBe("improving");
    expect(dir(0, 19.99)).toBe("stable");
    expect(dir(0, -20)).toBe("declining");
    expect(dir(0, -19.99)).toBe("stable");
  });
  it("success rate decides before volume", () => {
    expect(dir(-1, 500)).toBe("declining");
    expect(dir(1, -90)).toBe("improving");
    expect(dir(0.5, -25)).toBe("declining");
  });
  it("nothing to compare against is stable; volume alone still counts", () => {
    expect(dir(null, null)).toBe("stable");
    expect(dir(null, 25)).toBe("improving");
    expect(dir(null, -100)).toBe("declining");
  });
});
