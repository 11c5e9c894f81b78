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
class InternalError extends AppError {
  constructor() {
    super("internal_error", 500, "Something went wrong on our side; the error has been logged.");
  }
}

function summarizeIssues(issues: FieldIssue[]): string {
  const parts = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return `Invalid input: ${parts.join("; ")}${more}`;
}

export function issuesFromZod(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join("."),
    message: issue.message,
  }));
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

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return new ValidationError(issuesFromZod(error));
  return fromPrismaError(error) ?? new InternalError();
}
