// Input primitives every edge's schemas are built from, so each rule is written once:
// - text(): a string that PostgreSQL can store as it was sent. A NUL character is refused by
//   the database (a 500 if it got that far) and a lone UTF-16 surrogate is silently turned
//   into U+FFFD on the way there; both are a 422 on the field instead.
// - strictObject(): unknown keys are an error naming each key, never silently dropped.
import { z } from "zod";

export const ILL_FORMED_TEXT_MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

// NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point: PostgreSQL text cannot store it
const ILL_FORMED = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string can be stored and read back unchanged (no NUL, no lone surrogate). */
export function isWellFormedText(value: string): boolean {
  return !ILL_FORMED.test(value);
}

/**
 * A string schema that refuses NUL and lone surrogates first (abort: no further messages
 * about a value that cannot be stored). Chain .trim(), .min(), .max()… on it as on z.string().
 */
export function text(message = "must be a string") {
  return z.string({ error: message }).refine(isWellFormedText, { message: ILL_FORMED_TEXT_MESSAGE, abort: true });
}

/** `"industy" is not a known field` (+ `; hint`): names the keys, as the MCP SDK shows only the message and the object's path. */
export function unknownFieldsMessage(keys: readonly string[], hint?: string): string {
  const names = keys.map((k) => JSON.stringify(k)).join(", ");
  return `${names} ${keys.length === 1 ? "is not a known field" : "are not known fields"}${hint ? `; ${hint}` : ""}`;
}

/**
 * z.strictObject whose unknown keys are an error naming them (issuesFromZod then gives each
 * key its own issue path). `hint` says what is accepted instead, e.g. the list of settings.
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape, hint?: string) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? unknownFieldsMessage(issue.keys, hint) : undefined) });
}

declare const untrustedBrand: unique symbol;
/**
 * A value from outside not validated yet (a JSON body, query parameters). Verbs accept it
 * beside their typed input and validate both; code that builds an input itself gets the
 * schema's type, so a misspelt or unknown field does not compile.
 */
export type Untrusted = { readonly [untrustedBrand]: true };
export const untrusted = (value: unknown): Untrusted => value as Untrusted;

/** A verb's input: what its schema accepts (`z.input`), or an Untrusted value for it to validate. */
export type VerbInput<S extends z.ZodType> = z.input<S> | Untrusted;
