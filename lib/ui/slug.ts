// Pure: suggests a client_id slug from a client name while the user has not typed one.
// The rules (lowercase letters, digits, single dashes, 3–64 chars) are the verb's; this only
// proposes a value that usually passes them, and the verb still validates what is sent.
export function suggestClientId(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/g, "");
}
