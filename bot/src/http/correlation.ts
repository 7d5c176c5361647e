import { randomUUID } from 'node:crypto';
import type { Request } from 'restify';

/** Header carrying the id that ties a client's request to our log lines. */
export const CORRELATION_HEADER = 'x-correlation-id';

const ids = new WeakMap<Request, string>();
// A caller's id is reused only when it is short and plain, so it cannot smuggle anything into logs.
const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives the request its correlation id: the caller's, when safe, else a fresh one. */
export function assignCorrelationId(req: Request): string {
  // Node's own headers, not restify's accessor: this runs as the request arrives, before restify has set it up.
  const offered = req.headers[CORRELATION_HEADER];
  const id = typeof offered === 'string' && SAFE_ID.test(offered) ? offered : randomUUID();
  ids.set(req, id);
  return id;
}

/** The correlation id of a request (assigned by the server before any route runs). */
export function correlationIdOf(req: Request): string {
  return ids.get(req) ?? assignCorrelationId(req);
}
