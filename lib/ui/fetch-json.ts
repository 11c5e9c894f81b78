// Browser-side JSON fetch for TanStack Query: turns the REST error envelope
// `{ error: { code, message } }` into an Error whose message is safe to show.
export class FetchJsonError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "FetchJsonError";
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch {
    throw new FetchJsonError("Can't reach the ClientPulse server. Check your connection.", 0);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const envelope = (body as { error?: { message?: unknown; code?: unknown } } | undefined)?.error;
    const message = typeof envelope?.message === "string" ? envelope.message : `The server answered ${response.status} ${response.statusText}`.trim();
    throw new FetchJsonError(message, response.status, typeof envelope?.code === "string" ? envelope.code : undefined);
  }
  return body as T;
}
