/**
 * The fake Graph's wire: requests as it records them, replies as it sends them (status, headers, JSON body, an
 * optional delay) and Graph's error body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path with segments decoded, without the query. */
  path: string;
  query: Record<string, string>;
  authorization?: string;
  /** The `X-IDENTITY-HEADER` secret sent to the managed identity endpoint. */
  identityHeader?: string;
  /** Parsed JSON, or the form fields of a token request. */
  body: unknown;
}

/** A canned answer for a scripted request. */
export interface ScriptedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (to exercise client timeouts). */
  delayMs?: number;
}

/** A JSON object as the fake stores and answers it. */
export type Json = Record<string, unknown>;

/** Reads one HTTP request: decoded path, query, bearer token, identity header, JSON or form body. */
export async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake');
  const isForm = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
  return {
    method: req.method ?? 'GET',
    path: url.pathname.split('/').map(decodeURIComponent).join('/'),
    query: Object.fromEntries(url.searchParams),
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    ...(typeof req.headers['x-identity-header'] === 'string'
      ? { identityHeader: req.headers['x-identity-header'] }
      : {}),
    body: !text ? undefined : isForm ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text),
  };
}

/** Sends a reply, after its delay if it has one. */
export function send(res: ServerResponse, reply: ScriptedReply): void {
  if (reply.delayMs) {
    const timer = setTimeout(() => send(res, { ...reply, delayMs: 0 }), reply.delayMs);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers });
  res.end(body);
}

/** A Graph error body. */
export function error(status: number, code: string): ScriptedReply {
  return { status, body: { error: { code, message: `Fake Graph: ${code}` } } };
}
