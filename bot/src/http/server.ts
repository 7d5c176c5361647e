import restify from 'restify';
import { errorFacts, errorFrames } from '../app/errorFacts.js';
import type { Logger } from '../app/ports.js';
import { bodyDeadline, DEFAULT_REQUEST_BODY_TIMEOUT_MS } from './bodyDeadline.js';
import { coalesceWrites } from './coalescedWrites.js';
import { assignCorrelationId, correlationIdOf, CORRELATION_HEADER } from './correlation.js';
import { sendError, toErrorResponse } from './errors.js';
import { BODY_METHODS, bodyParts } from './requestParts.js';
import { registerStaticTab } from './staticTab.js';

/** The service's HTTP server (restify), named so the composition root need not import restify. */
export type HttpServer = restify.Server;

/** restify's hook for work done as a request arrives, before its handler chain (restify 8+; missing from its types). */
interface FirstHook {
  first(handler: (req: restify.Request, res: restify.Response) => boolean): void;
}

/** What the health check reports. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, string>;
}

/** Options for {@link createHttpServer}. */
export interface HttpServerOptions {
  /** Structured logger; requests are logged with their correlation id only. */
  logger: Logger;
  /** Reports the service's health for `GET /healthz`. */
  health: () => HealthReport;
  /** Folder of the built tab (`tab/dist`); omit to serve no tab. */
  tabDir?: string;
  /** How long a request body may take to arrive after its headers (default 10 s); slower gets 408. */
  requestBodyTimeoutMs?: number;
}

/**
 * The one restify server of the service: JSON bodies (size-limited, JSON only), JSON errors with a
 * correlation id and no stack traces, answers sent at the end of each loop turn
 * (`coalescedWrites.ts`), `GET /healthz`, and the built tab under `/tab/`. Routes are added by their
 * own modules (`registerTabApi`, the bot endpoint).
 */
export function createHttpServer(options: HttpServerOptions): restify.Server {
  const { logger } = options;
  // Teams meeting ids are long base64 strings; find-my-way's default cap (100) is too short.
  const server = restify.createServer({
    name: 'chaperone',
    ignoreTrailingSlash: true,
    maxParamLength: 2048,
  } as restify.ServerOptions);

  coalesceWrites(server.server);

  const deadline = bodyDeadline(options.requestBodyTimeoutMs ?? DEFAULT_REQUEST_BODY_TIMEOUT_MS, logger);
  // Every request's id, headers and body deadline are set synchronously as it arrives, outside restify's handler
  // chain (restify pays a tick, a timer and a promise for each handler): a GET route's handler is the only one its
  // request runs, and a body route has one more in front (its body's steps, below).
  (server as restify.Server & FirstHook).first((req, res) => {
    res.setHeader(CORRELATION_HEADER, assignCorrelationId(req));
    res.setHeader('x-content-type-options', 'nosniff');
    if (BODY_METHODS.has(req.method ?? '')) deadline(req, res);
    return true;
  });
  withBodyParts(server, bodyParts(logger, routeName));

  // Every error, raised by restify or by a route, leaves as `{ error: { code, message } }`.
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: unknown, done: () => void) => {
    const correlationId = correlationIdOf(req);
    const { status } = toErrorResponse(err);
    if (status >= 500) {
      logger.error({ correlationId, route: routeName(req), err: errorSummary(err) }, 'request failed');
    }
    if (!res.headersSent) sendError(res, err, correlationId);
    done();
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const report = options.health();
    res.status(report.status === 'ok' ? 200 : 503);
    res.json(report);
  });

  if (options.tabDir) registerStaticTab(server, options.tabDir);
  return server;
}

/**
 * Routes that take a body (POST, PUT, PATCH) are registered with the body's steps in front of their own handlers, so
 * none can be added without them, and a poll (GET) runs no restify handler but its route's.
 */
function withBodyParts(server: restify.Server, parts: restify.RequestHandler): void {
  for (const method of ['post', 'put', 'patch'] as const) {
    const register = server[method].bind(server);
    server[method] = (route, ...handlers) => register(route, parts, ...handlers);
  }
}

function routeName(req: restify.Request): string | undefined {
  return (req as restify.Request & { route?: { path?: string } }).route?.path;
}

// Where it failed stays in our logs (never the message: errorFacts.ts); the client only ever sees the generic sentence.
function errorSummary(err: unknown): object {
  return { ...errorFacts(err), frames: errorFrames(err) };
}
