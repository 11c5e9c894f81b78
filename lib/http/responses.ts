// The REST edge's shared plumbing: one JSON error envelope, bounded JSON bodies, and a
// wrapper that turns any thrown error into the right status without leaking internals.
import { recordDenied } from "@/lib/audit/record-audit";
import type { Context } from "@/lib/context";
import { AppError, BadRequestError, ForbiddenError, PayloadTooLargeError, TooManyRequestsError, toAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { contextForRequest } from "./request-context";

const MAX_JSON_BODY_BYTES = 1024 * 1024;

export function jsonOk(data: unknown, init: ResponseInit = {}): Response {
  return Response.json(data, { ...init, headers: { "cache-control": "no-store", ...init.headers } });
}

export function jsonError(error: AppError): Response {
  const body = { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="ClientPulse"';
  if (error instanceof TooManyRequestsError) headers["retry-after"] = String(error.retryAfterSeconds);
  return Response.json(body, { status: error.status, headers });
}

/** Reads a JSON object body, at most 1 MB; malformed JSON is a 400, not a 500. */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new BadRequestError('Send the body as JSON with "Content-Type: application/json"');
  }
  const text = await readTextWithLimit(request, limit);
  if (!text.trim()) throw new BadRequestError("The request body is empty; send a JSON object");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

async function readTextWithLimit(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
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
      if (appError.status >= 500) logger.error("request failed", { error });
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
