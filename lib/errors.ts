// One error family for every edge. Verbs throw these; REST maps them to
// `{ error: { code, message, issues? } }` with the status below, MCP to an `isError` result,
// server actions to `{ ok: false, error, fieldErrors }`. Anything else is an internal error
// whose details are logged, never shown.
import { z } from "zod";

export type ErrorCode =
  | "bad_request"
  | "validation_error"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "database_unavailable"
  | "internal_error";

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `systems.0.health_url`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string) {
    super("bad_request", 400, message);
  }
}
export class ValidationError extends AppError {
  constructor(issues: FieldIssue[], message = summarizeIssues(issues)) {
    super("validation_error", 422, message, issues);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required") {
    super("unauthorized", 401, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super("forbidden", 403, message);
  }
}
export class NotFoundError extends AppError {
  constructor(message: string) {
    super("not_found", 404, message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, issues?: FieldIssue[]) {
    super("conflict", 409, message, issues);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super("payload_too_large", 413, `Request body is larger than ${Math.round(limitBytes / 1024)} KB`);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", 429, message);
  }
}
export class UnavailableError extends AppError {
  constructor(message: string) {
    super("unavailable", 503, message);
  }
}
/** The database cannot be reached right now (503 + Retry-After); the server recovers by itself when it is back. */
export class DatabaseUnavailableError extends AppError {
  readonly retryAfterSeconds = 5;
  constructor(message = "The database is unreachable right now; ClientPulse reconnects by itself, so try again in a few seconds.") {
    super("database_unavailable", 503, message);
  }
}
export class InternalError extends AppError {
  constructor() {
    super("internal_error", 500, "Something went wrong on our side; the error has been logged.");
  }
}

/** The one JSON error body of every edge: REST sends it with the status, MCP as an isError result's text. */
export function errorBody(e: AppError): { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } } {
  return { error: { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } };
}

function summarizeIssues(issues: FieldIssue[]): string {
  const parts = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return `Invalid input: ${parts.join("; ")}${more}`;
}

export function issuesFromZod(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  const at = (path: PropertyKey[]) => [...prefix, ...path].map(String).join(".");
  return error.issues.flatMap((issue) =>
    // zod reports all unknown keys of an object as one issue on the object; each key gets its
    // own path here, so a form, a REST caller or a model sees exactly which field to drop.
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: at([...issue.path, key]), message: issue.keys.length === 1 ? issue.message : `${JSON.stringify(key)} is not a known field` }))
      : [{ path: at(issue.path), message: issue.message }],
  );
}

/** Parses with a zod schema or throws a ValidationError naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesFromZod(result.error, prefix));
  return result.data;
}

/** Prisma errors by code, never by message text. */
export function fromPrismaError(error: unknown): AppError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (code === "P2002") return new ConflictError("A record with the same unique value already exists");
  if (code === "P2025") return new NotFoundError("The record no longer exists");
  return undefined;
}

// ── The database going away ────────────────────────────────────────────────────────────
// Recognised by type and code wherever the error comes from: Prisma's own codes, the kind the
// Prisma 7 driver adapter gives it (its DriverAdapterError sits in meta.driverAdapterError, the
// mapped driver error in its cause), PostgreSQL SQLSTATEs, and socket errnos.
const PRISMA_UNREACHABLE_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const PG_UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);
// The one exception to "by code": node-postgres and PGlite raise these connection-state errors
// with no code at all. They are the libraries' own fixed English strings (never the server's
// localised messages), matched exactly.
const CODELESS_CONNECTION_MESSAGES = new Set([
  "Connection terminated unexpectedly",
  "Connection terminated",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "Cannot use a pool after calling end on the pool",
  "PGlite is closed",
]);

function isUnreachableCause(e: Record<string, unknown>): boolean {
  const code = typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : undefined;
  if (typeof e.kind === "string" && ADAPTER_UNREACHABLE_KINDS.has(e.kind)) return true;
  if (code && (PRISMA_UNREACHABLE_CODES.has(code) || PG_UNAVAILABLE_STATES.has(code) || SOCKET_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  // A FATAL error ends the server session: whatever its code, this connection is gone.
  if (e.severity === "FATAL" && typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return true;
  return e instanceof Error && CODELESS_CONNECTION_MESSAGES.has(e.message);
}

/** True when an error means "the database cannot be reached now" (not a bad query or bad data). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && seen.size < 10) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    const r = e as Record<string, unknown>;
    if (isUnreachableCause(r)) return true;
    const meta = r.meta as Record<string, unknown> | undefined;
    queue.push(r.cause, meta?.driverAdapterError, meta?.cause);
    if (Array.isArray(r.errors)) queue.push(...r.errors.slice(0, 5)); // AggregateError (connect to every address failed)
  }
  return false;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return new ValidationError(issuesFromZod(error));
  if (isDatabaseUnavailable(error)) return new DatabaseUnavailableError();
  return fromPrismaError(error) ?? new InternalError();
}
