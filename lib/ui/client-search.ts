// Pure client-side filter for the clients tables: every word of the query must appear in the
// client's name, client_id, industry or one of its tags (case-insensitive).
export interface SearchableClient {
  client_id: string;
  client_name: string;
  industry: string | null;
  tags: readonly string[];
}

export function matchesClientQuery(client: SearchableClient, query: string): boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = [client.client_name, client.client_id, client.industry ?? "", ...client.tags].join("\n").toLowerCase();
  return terms.every((term) => haystack.includes(term));
}

export function filterClients<T extends SearchableClient>(clients: readonly T[], query: string): T[] {
  return clients.filter((c) => matchesClientQuery(c, query));
}

/** How many clients the /clients page loads at once (the list verb allows up to 1000). */
export const CLIENT_DIRECTORY_LIMIT = 1000;
