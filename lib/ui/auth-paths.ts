// Where to go after signing in, and the notices the sign-in page understands. Pure, so the
// open-redirect rules can be read (and tested) on their own.

/**
 * A same-site path from an untrusted `next` parameter, or "/". Only absolute paths on this
 * site pass: "//evil.example" and "/\evil.example" are protocol-relative to browsers, and a
 * scheme ("https:", "javascript:") never starts with "/".
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return "/";
  let parsed: URL;
  try {
    parsed = new URL(value, "http://clientpulse.invalid");
  } catch {
    return "/";
  }
  if (parsed.origin !== "http://clientpulse.invalid") return "/";
  // Never bounce back into the pages that sent the person here.
  if (/^\/(sign-in|setup)(\/|$)/.test(parsed.pathname)) return "/";
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

const SIGN_IN_NOTICES = {
  "password-changed": "Password changed — sign in again with your new password.",
  "signed-out": "You have been signed out.",
  "session-ended": "Your session has ended; sign in again.",
  "role-changed": "Your account was changed — sign in again.",
} as const;
type SignInNotice = keyof typeof SIGN_IN_NOTICES;

export function signInNotice(value: unknown): string | null {
  return typeof value === "string" && Object.hasOwn(SIGN_IN_NOTICES, value) ? SIGN_IN_NOTICES[value as SignInNotice] : null;
}

/**
 * `true` when the request reached us over HTTPS: X-Forwarded-Proto (set by Next.js from the
 * socket, or by a TLS-terminating proxy; its LAST entry if a proxy appended one), else the
 * Origin the browser sent. A client lying here only breaks its own cookie.
 */
export function isHttpsRequest(forwardedProto: string | null | undefined, origin?: string | null): boolean {
  const proto = forwardedProto?.split(",").pop()?.trim().toLowerCase();
  if (proto) return proto === "https";
  return typeof origin === "string" && origin.toLowerCase().startsWith("https://");
}
