// The shared input primitives, and that verbs' inputs are typed from their schemas: the
// expect-error directives below fail `npm run typecheck` if a misspelt field ever compiles.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { actionFailure } from "@/app/actions/action-result";
import { registerClientInputSchema, updateClientInputSchema, updateSystemInputSchema } from "@/lib/clients/schemas";
import type { registerClient } from "@/lib/clients/register-client";
import type { updateClient } from "@/lib/clients/update-client";
import { DatabaseUnavailableError, isDatabaseUnavailable, issuesFromZod, parseInput, toAppError, ValidationError } from "@/lib/errors";
import type { createUser } from "@/lib/users/manage-users";
import { isWellFormedText, strictObject, text, untrusted } from "./input";

const issues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesFromZod(r.error);
};

describe("text()", () => {
  it("refuses NUL and unpaired surrogates, accepts paired ones and ordinary text", () => {
    for (const bad of ["a\u0000b", "\u0000", "x\ud83d", "\ud83dx", "\ude80", "a\ude80\ud83d"]) expect(isWellFormedText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ["", "Booking API", "🚀", "Zürich – 東京", "a\ud83d\ude80b"]) expect(isWellFormedText(good), good).toBe(true);
    const schema = text().trim().min(1, "is required");
    expect(issues(schema, " a\u0000 ")).toEqual([{ path: "", message: "must not contain NUL characters or unpaired UTF-16 surrogates" }]);
    expect(schema.parse("  ok  ")).toBe("ok");
    expect(issues(schema, 5)).toEqual([{ path: "", message: "must be a string" }]);
  });
});

describe("strictObject() and issuesFromZod", () => {
  it("names every unknown key with its own path, nested ones included", () => {
    const schema = strictObject({ a: z.string(), list: z.array(strictObject({ b: z.number() })) });
    expect(issues(schema, { a: "x", list: [{ b: 1 }, { b: 2, c: 3 }], zz: 1 })).toEqual([
      { path: "list.1.c", message: '"c" is not a known field' },
      { path: "zz", message: '"zz" is not a known field' },
    ]);
    expect(issues(schema, { a: "x", list: [], p: 1, q: 2 }).map((i) => i.path)).toEqual(["p", "q"]);
  });

  it("every write schema of the clients domain is strict, systems[] included", () => {
    const system = { name: "A", health_url: "https://a.example.com/" };
    expect(issues(registerClientInputSchema, { client_id: "acme-001", client_name: "A", systems: [{ ...system, interval: 30 }] }).map((i) => i.path)).toEqual(["systems.0.interval"]);
    expect(issues(updateClientInputSchema, { client_id: "acme-001", industy: "x" }).map((i) => i.path)).toEqual(["industy"]);
    expect(issues(updateSystemInputSchema, { client_id: "acme-001", system: "A", intervall: 30 }).map((i) => i.path)).toEqual(["intervall"]);
  });

  it("URLs come out canonical", () => {
    const out = parseInput(registerClientInputSchema, {
      client_id: "acme-001",
      client_name: "A",
      systems: [{ name: "A", health_url: " HTTPS://A.Example.com:443/x/../health ", metrics_url: "" }],
    });
    expect(out.systems?.[0]).toMatchObject({ health_url: "https://a.example.com/health", metrics_url: null });
    expect(() => parseInput(registerClientInputSchema, { client_id: "acme-001", client_name: "A", systems: [{ name: "A", health_url: "https://a.test/", metrics_url: "ftp://x" }] })).toThrow(ValidationError);
  });
});

describe("verb inputs are typed from their schemas", () => {
  it("a misspelt or unknown field does not compile; Untrusted is the explicit way in for raw values", () => {
    type UpdateClientInput = Parameters<typeof updateClient>[0]["input"];
    type RegisterInput = Parameters<typeof registerClient>[0]["input"];
    type CreateUserInput = Parameters<typeof createUser>[0]["input"];
    // @ts-expect-error "industy" is not a field of updateClient
    const misspelt: UpdateClientInput = { client_id: "acme-001", industy: "Retail" };
    // @ts-expect-error "interval" is not a system setting
    const misplaced: RegisterInput = { client_id: "acme-001", client_name: "A", systems: [{ name: "A", health_url: "https://a.test/", interval: 30 }] };
    // @ts-expect-error a role is one of admin | editor | viewer
    const role: CreateUserInput = { email: "a@b.test", name: "A", role: "root", password: "x" };
    const fine: UpdateClientInput = { client_id: "acme-001", industry: "Retail" };
    const raw: UpdateClientInput = untrusted(JSON.parse('{"client_id":"acme-001"}'));
    expect([misspelt, misplaced, role, fine, raw]).toHaveLength(5);
  });
});

describe("server actions: form field errors", () => {
  it("an unknown field becomes a field error under its own name, not a silent success", () => {
    const error = (() => {
      try {
        parseInput(updateClientInputSchema, { client_id: "acme-001", industy: "Retail" });
      } catch (e) {
        return e;
      }
    })();
    expect(actionFailure(error)).toEqual({ ok: false, error: "Please correct the highlighted field.", fieldErrors: { industy: '"industy" is not a known field' } });
  });
});

describe("database outages are recognised by type and code", () => {
  const adapterError = (cause: Record<string, unknown>) =>
    Object.assign(new Error("Invalid `prisma.client.count()` invocation"), { code: "P2039", meta: { driverAdapterError: Object.assign(new Error("x"), { name: "DriverAdapterError", cause }) } });
  const pgError = (code: string, severity: string) => Object.assign(new Error("localised server text"), { code, severity });
  const errno = (code: string) => Object.assign(new Error(`connect ${code}`), { code, errno: -1, syscall: "connect" });

  it.each([
    ["Prisma P1001", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    ["adapter DatabaseNotReachable", adapterError({ kind: "DatabaseNotReachable", host: "db", port: 5432 })],
    ["adapter ConnectionClosed", adapterError({ kind: "ConnectionClosed" })],
    ["adapter postgres 57P01", adapterError({ kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL" })],
    ["adapter postgres 55000 FATAL (not accepting connections)", adapterError({ kind: "postgres", code: "55000", severity: "FATAL" })],
    ["pg 08006", pgError("08006", "ERROR")],
    ["pg 57P03", pgError("57P03", "FATAL")],
    ["ECONNREFUSED", errno("ECONNREFUSED")],
    ["ECONNRESET in a cause", new Error("wrapped", { cause: errno("ECONNRESET") })],
    ["AggregateError of connects", new AggregateError([errno("ECONNREFUSED"), errno("ECONNREFUSED")])],
    ["node-postgres, codeless", new Error("Connection terminated unexpectedly")],
    ["PGlite closed", new Error("PGlite is closed")],
  ])("%s → 503 database_unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const mapped = toAppError(error);
    expect(mapped).toBeInstanceOf(DatabaseUnavailableError);
    expect(mapped).toMatchObject({ status: 503, code: "database_unavailable" });
  });

  it.each([
    ["unique violation", Object.assign(new Error("x"), { code: "P2002" })],
    ["adapter unique violation", adapterError({ kind: "UniqueConstraintViolation" })],
    ["pg syntax error", pgError("42601", "ERROR")],
    ["pg 55000 as an ERROR (lock not available…)", pgError("55000", "ERROR")],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["a message that merely mentions it", new Error("ECONNREFUSED while fetching https://client.example.com")],
  ])("%s is not an outage", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toAppError(error).code).not.toBe("database_unavailable");
  });
});
