/** The fake's JSON batching (`POST /$batch`). */
import { error, type Json, type RecordedRequest, type ScriptedReply } from './fakeGraphWire.js';

/**
 * JSON batching: at most 20 requests with unique ids, a Content-Type with every body; each answered on its own by
 * `route`, after `record` has seen it as if sent alone.
 */
export function batchRoute(
  req: RecordedRequest,
  route: (inner: RecordedRequest) => ScriptedReply,
  record: (inner: RecordedRequest) => void,
): ScriptedReply | undefined {
  if (req.path !== '/v1.0/$batch' || req.method !== 'POST') return undefined;
  const requests = (req.body as Json | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0 || requests.length > 20) return error(400, 'BadRequest');
  const items = requests as Array<{
    id?: unknown;
    method?: unknown;
    url?: unknown;
    headers?: Record<string, string>;
    body?: unknown;
  }>;
  const ids = items.map((item) => String(item.id ?? ''));
  if (ids.some((id) => !id) || new Set(ids).size !== ids.length) return error(400, 'BadRequest');
  const typed = (item: (typeof items)[number]) =>
    Object.keys(item.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
  if (items.some((item) => item.body !== undefined && !typed(item))) return error(400, 'BadRequest');
  const responses = items.map((item) => {
    const url = new URL(`/v1.0${String(item.url).replace(/^\/?/, '/')}`, 'http://fake');
    const inner: RecordedRequest = {
      method: String(item.method),
      path: url.pathname.split('/').map(decodeURIComponent).join('/'),
      query: Object.fromEntries(url.searchParams),
      ...(req.authorization ? { authorization: req.authorization } : {}),
      body: item.body,
    };
    record(inner);
    const reply = route(inner);
    const headers = { 'Content-Type': 'application/json', ...reply.headers };
    return { id: item.id, status: reply.status, headers, ...(reply.body === undefined ? {} : { body: reply.body }) };
  });
  return { status: 200, body: { responses } };
}
