// The shape every server action returns, and the one way a thrown error becomes it. Raw errors
// never reach the UI: AppErrors keep their message and field issues, anything else becomes
// toAppError's generic message and is logged. (Not a "use server" file: nothing here is an
// endpoint.)
import { toAppError, type FieldIssue } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { fieldErrorsByPath } from "@/lib/ui/form-errors";

export type ActionFailure = { ok: false; error: string; fieldErrors: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

export function actionFailure(
  error: unknown,
  mapIssues: (issues: readonly FieldIssue[]) => Record<string, string> = (issues) => fieldErrorsByPath(issues),
): ActionFailure {
  const appError = toAppError(error);
  if (appError.status >= 500) logger.error("server action failed", { error });
  const fieldErrors = mapIssues(appError.issues ?? []);
  const count = Object.keys(fieldErrors).length;
  const message =
    appError.code === "validation_error" ? `Please correct ${count === 1 ? "the highlighted field" : "the highlighted fields"}.` : appError.message;
  return { ok: false, error: message, fieldErrors };
}

/** A failure the action found itself (e.g. two password fields that differ). */
export function fieldFailure(fieldErrors: Record<string, string>): ActionFailure {
  const count = Object.keys(fieldErrors).length;
  return { ok: false, error: `Please correct ${count === 1 ? "the highlighted field" : "the highlighted fields"}.`, fieldErrors };
}
