/** Shown under every new-password field; the rule itself lives in lib/auth/passwords.ts. */
export const PASSWORD_HINT = "At least 12 characters. A few unrelated words make a strong, memorable passphrase.";

/** The confirmation field's error, if any (checked in the browser and again by the action). */
export function confirmationError(password: string, confirmation: string): string | undefined {
  if (confirmation === "") return password === "" ? undefined : "is required";
  return confirmation === password ? undefined : "does not match the password";
}
