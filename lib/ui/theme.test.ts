import { describe, expect, it } from "vitest";
import { resolveTheme, themeInitScript, THEME_STORAGE_KEY } from "./theme";

describe("theme", () => {
  it("uses the stored choice, else the OS preference", () => {
    expect(resolveTheme("dark", false)).toBe("dark");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme(null, true)).toBe("dark");
    expect(resolveTheme("garbage", false)).toBe("light");
  });
  it("inlines the same storage key into the no-flash script", () => {
    expect(themeInitScript).toContain(JSON.stringify(THEME_STORAGE_KEY));
    expect(() => new Function(themeInitScript)).not.toThrow();
  });
});
