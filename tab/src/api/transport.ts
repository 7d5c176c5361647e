/** How the tab talks to its API: every call signed with the Teams SSO token, errors as one sentence. */

/** A failed call, with the server's sentence for the person (and one per field for a form the server refused). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Partial<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Said when the service did not answer in its own words. */
export const FALLBACK = 'Chaperone could not be reached; check your connection and try again.';

/** One signed call; `answers`: statuses besides 2xx and 304 whose body the caller reads itself. */
export type Call = (path: string, init?: RequestInit, answers?: readonly number[]) => Promise<Response>;

/** A poll's answer: a new view, or `unchanged` when the ETag still matches. */
export type Poll<V> = { kind: 'changed'; view: V; etag?: string } | { kind: 'unchanged' };

/** A {@link Call} that asks `getToken` for a fresh token every time (Teams caches it). */
export function signedCall(getToken: () => Promise<string>, base = ''): Call {
  return async (path, init = {}, answers = []) => {
    const token = await getToken();
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (init.body) headers.set('content-type', 'application/json');
    const res = await fetch(`${base}${path}`, { ...init, headers });
    if (res.ok || res.status === 304 || answers.includes(res.status)) return res;
    let error: { code?: string; message?: string; fields?: Partial<Record<string, string>> } | undefined;
    try {
      error = ((await res.json()) as { error?: typeof error }).error;
    } catch {
      // Not our JSON (a proxy error page): keep the fallback sentence.
    }
    throw new ApiError(res.status, error?.code ?? 'unknown', error?.message ?? FALLBACK, error?.fields ?? {});
  };
}

/** GETs `path` with `If-None-Match`: the new view, or `unchanged` on 304. */
export async function poll<V>(call: Call, path: string, etag: string | undefined): Promise<Poll<V>> {
  const res = await call(path, { headers: etag ? { 'if-none-match': etag } : {} });
  if (res.status === 304) return { kind: 'unchanged' };
  return { kind: 'changed', view: (await res.json()) as V, etag: res.headers.get('etag') ?? undefined };
}

/** `path` with the non-empty values of `params` as its query, trimmed. */
export function withQuery(path: string, params: Partial<Record<string, string>>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value?.trim()) query.set(name, value.trim());
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
