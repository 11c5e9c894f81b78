// Session tokens and API keys: 256 random bits, shown once, stored only as a SHA-256 hash
// (fast hashing is right for high-entropy secrets; there is nothing to brute-force).
import { createHash, randomBytes } from "node:crypto";

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecret(token) };
}

const API_KEY_PREFIX = "cpk_";
const API_KEY_PATTERN = /^cpk_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashSecret(key), prefix: key.slice(0, 12) };
}

export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}
