import { describe, expect, it } from "vitest";
import { clientSettingsInputFromForm, clientSettingsValues, timeZoneSuggestions } from "./client-settings-form";

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.set(k, v);
  return fd;
}

describe("client settings form", () => {
  it("maps fields to updateClient's input: numbers as numbers, the rest as typed for the verb to judge", () => {
    expect(clientSettingsInputFromForm(form({ client_id: "acme-001", time_zone: " Europe/Berlin ", hourly_rate: "42.50", currency: "eur" }))).toEqual({
      client_id: "acme-001",
      time_zone: "Europe/Berlin",
      hourly_rate: 42.5,
      currency: "eur",
    });
    expect(clientSettingsInputFromForm(form({ client_id: "a", time_zone: "", hourly_rate: "lots", currency: "" }))).toMatchObject({ time_zone: "", hourly_rate: "lots" });
    expect(clientSettingsInputFromForm(form({ client_id: "a", hourly_rate: "" })).hourly_rate).toBe("");
  });
  it("shows the stored values, the rate with cents", () => {
    expect(clientSettingsValues({ time_zone: "UTC", hourly_rate: 25, currency: "USD" })).toEqual({ time_zone: "UTC", hourly_rate: "25.00", currency: "USD" });
  });
  it("suggests UTC first, then the IANA zones", () => {
    const zones = timeZoneSuggestions();
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("America/New_York");
  });
});

describe("register form: time zone", () => {
  it("sends the time zone when given, omits it when empty (UTC applies)", async () => {
    const { registerInputFromForm } = await import("./register-client-form");
    const fd = new FormData();
    fd.set("client_id", "acme-001");
    fd.set("time_zone", "Europe/Berlin");
    expect(registerInputFromForm(fd).time_zone).toBe("Europe/Berlin");
    fd.set("time_zone", " ");
    expect(registerInputFromForm(fd)).not.toHaveProperty("time_zone");
  });
});
