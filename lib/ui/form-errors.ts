// Verb issues → form field errors, for the forms that are not the register-client form (which
// has its own aliases). First message per field; an issue without a path goes to "form".
import type { FieldIssue } from "@/lib/errors";

export function fieldErrorsByPath(issues: readonly FieldIssue[], aliases: Readonly<Record<string, string>> = {}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path || "form";
    const key = aliases[path] ?? path;
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}

/** "is required" → "Email is required"; whole sentences stand alone with a capital letter. */
export function fieldMessage(label: string, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (/^(is|must|should|has|does|cannot|can't|choose)\b/.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
