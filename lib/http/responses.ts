// The REST edge's shared plumbing: one JSON error envelope, bounded JSON bodies, and a
// wrapper that turns any thrown error into the right status without leaking internals.
import { recordDenied } from "@/lib/audit/record-audit";
import type { Context } from "@/lib/context";
import { AppError, BadRequestError, errorBody, DatabaseUnavailableError, ForbiddenError, PayloadTooLargeError, TooManyRequestsError, toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { contextForRequest } from "./request-context";

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export function jsonOk(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, { ...init, headers: { "cache-control": "no-store", ...init.headers } });
}

export function jsonError(error: AppError): Response {
  const body = errorBody(error);
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="ClientPulse"';
  if (error instanceof TooManyRequestsError || error instanceof DatabaseUnavailableError) headers["retry-after"] = String(error.retryAfterSeconds);
  return Response.json(body, { status: error.status, headers });
}

/** A JSON media type (application/json or application/*+json), as REST and MCP require. */
export function hasJsonContentType(request: Request): boolean {
  return /^application\/([\w.+-]*\+)?json\b/i.test(request.headers.get("content-type") ?? "");
}

/** Reads a JSON object body, at most 1 MB; malformed JSON is a 400, not a 500. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) throw new PayloadTooLargeError(limit);
  if (!hasJsonContentType(request)) {
    throw new BadRequestError('Send the body as JSON with "Content-Type: application/json"');
  }
  const text = await readBodyText(request, limit);
  if (!text.trim()) throw new BadRequestError("The request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Reads a request body once, as text, at most `limit` bytes: a declared Content-Length past
 * it is refused unread, and a streamed body is counted while it arrives and cancelled as soon
 * as it passes the limit (PayloadTooLargeError, 413). Never buffers more than the limit plus
 * one chunk. The one body reader of every edge (REST and /api/mcp).
 */
export async function readBodyText(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get("content-length") ?? "0") > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Wraps a route handler: AppErrors become their envelope, anything else a logged 500. */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      const appError = toAppError(error);
      if (appError instanceof DatabaseUnavailableError) logger.warn("request failed: database unavailable", { error });
      else if (appError.status >= 500) logger.error("request failed", { error });
      return jsonError(appError);
    }
  };
}

/** Query-string flags: "true"/"1" → true, "false"/"0" → false, absent → undefined, else as-is (the schema rejects it). */
export function queryFlag(value: string | null): boolean | string | undefined {
  if (value === null) return undefined;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return value;
}

/** Query-string numbers: numeric text → number; anything else passes through for the schema to reject by name. */
export function queryNumber(value: string | null): number | string | undefined {
  if (value === null || value === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

/**
 * A REST handler that needs a caller: authenticates (API key or session cookie), runs, and
 * writes refused attempts by known callers to the audit log.
 */
export function withContext<A extends unknown[]>(
  handler: (ctx: Context, request: Request, ...rest: A) => Promise<Response>,
): (request: Request, ...rest: A) => Promise<Response> {
  return withErrors(async (request: Request, ...rest: A) => {
    const ctx = await contextForRequest(request, "rest");
    try {
      return await handler(ctx, request, ...rest);
    } catch (error) {
      if (error instanceof ForbiddenError) await recordDenied(ctx, `${request.method} ${new URL(request.url).pathname}`, error.message);
      throw error;
    }
  });
}
