/**
 * The wire of the local fake Graph: a server on 127.0.0.1 with a free port that hands each request (its
 * path decoded, its query, the user its `Bearer delegated:<id>` token names, its JSON body) to a handler and
 * writes the handler's reply. Graph's error body is built here too.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the fake received it. */
export interface BookingRequestSeen {
  method: string;
  path: string;
  query: Record<string, string>;
  user?: string;
  body: unknown;
}

/** A canned answer. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A Graph error body. */
export function graphError(status: number, code: string): Reply {
  return { status, body: { error: { code, message: `Fake Graph: ${code}` } } };
}

/** Serves `handle` on 127.0.0.1 with a free port; `stop` closes the server and its connections. */
export async function serveFakeGraph(
  handle: (req: BookingRequestSeen) => Reply,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      const user = /^Bearer delegated:(\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      const reply = handle({
        method: req.method ?? 'GET',
        path: url.pathname.split('/').map(decodeURIComponent).join('/'),
        query: Object.fromEntries(url.searchParams),
        ...(user ? { user } : {}),
        body: text ? JSON.parse(text) : undefined,
      });
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop };
}
