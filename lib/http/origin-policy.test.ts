// Which origin a request was addressed to, and which Origins may mutate with a cookie.
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { checkHostAndOrigin, requestBaseUrl, requestOrigin } from "./origin-policy";

const saved = { APP_URL: process.env.APP_URL, ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
});
function withEnv(values: { APP_URL?: string; ALLOWED_ORIGINS?: string }) {
  for (const name of ["APP_URL", "ALLOWED_ORIGINS"] as const) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
  resetEnvCache();
}

const request = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/demo") => new Request(url, { method: "POST", headers });

describe("requestOrigin / requestBaseUrl", () => {
  it("is the Host (with its port) and the scheme the request arrived with", () => {
    withEnv({});
    expect(requestOrigin(request({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(request({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
    expect(requestBaseUrl(request({ host: "localhost:4000" }))).toBe("http://localhost:4000");
  });

  it("behind a proxy, is X-Forwarded-Host and X-Forwarded-Proto (first values); X-Forwarded-Port is ignored", () => {
    withEnv({});
    const proxied = request({ host: "127.0.0.1:3000", "x-forwarded-host": "pulse.example, 10.0.0.2", "x-forwarded-proto": "https,http", "x-forwarded-port": "3000" });
    expect(requestOrigin(proxied)).toBe("https://pulse.example");
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-host": "pulse.example:8443", "x-forwarded-proto": "https" }))).toBe("https://pulse.example:8443");
    expect(requestOrigin(request({ host: "127.0.0.1:3000", "x-forwarded-host": "pulse.example:443", "x-forwarded-proto": "https" }))).toBe("https://pulse.example");
  });

  it("is undefined for what is not a host or an http(s) scheme", () => {
    withEnv({});
    expect(requestOrigin(request({}))).toBeUndefined();
    expect(requestOrigin(request({ host: "evil.example@127.0.0.1" }))).toBeUndefined();
    expect(requestOrigin(request({ host: "a/b" }))).toBeUndefined();
    expect(requestOrigin(request({ host: "pulse.example", "x-forwarded-proto": "ftp" }))).toBeUndefined();
  });

  it("the base URL is APP_URL when set, whatever the headers say", () => {
    withEnv({ APP_URL: "https://pulse.agency.example/app/" });
    expect(requestBaseUrl(request({ host: "127.0.0.1:3000", "x-forwarded-host": "other.example" }))).toBe("https://pulse.agency.example/app");
  });
});

describe("checkHostAndOrigin: only this server's own origins, port included", () => {
  it("refuses a loopback page on another port and accepts the same port", () => {
    withEnv({});
    expect(checkHostAndOrigin(request({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBeUndefined();
    expect(checkHostAndOrigin(request({ host: "localhost:3000", origin: "http://localhost:3000" }))).toBeUndefined();
    for (const origin of ["http://127.0.0.1:8080", "http://localhost:3000", "https://127.0.0.1:3000", "http://[::1]:3000", "null"]) {
      expect(checkHostAndOrigin(request({ host: "127.0.0.1:3000", origin })), origin).toMatch(/^Origin ".*" is not allowed/);
    }
  });

  it("accepts APP_URL, ALLOWED_ORIGINS and a proxy's forwarded origin", () => {
    withEnv({ APP_URL: "https://pulse.agency.example", ALLOWED_ORIGINS: "http://localhost:6274" });
    const at = (origin: string, extra: Record<string, string> = {}) => checkHostAndOrigin(request({ host: "127.0.0.1:3000", origin, ...extra }));
    expect(at("https://pulse.agency.example")).toBeUndefined();
    expect(at("http://localhost:6274")).toBeUndefined();
    expect(at("https://pulse.agency.example:8443")).toBeDefined();
    expect(at("https://pulse.lan", { "x-forwarded-host": "pulse.lan", "x-forwarded-proto": "https" })).toBeUndefined();
    expect(at("http://pulse.lan", { "x-forwarded-host": "pulse.lan", "x-forwarded-proto": "https" })).toBeDefined();
  });

  it("still refuses a foreign Host (DNS rebinding), whatever the Origin", () => {
    withEnv({});
    expect(checkHostAndOrigin(request({ host: "evil.example:3000", origin: "http://evil.example:3000" }))).toMatch(/^Host "evil\.example:3000" is not a name of this server/);
  });
});
