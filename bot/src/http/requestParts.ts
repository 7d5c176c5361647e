/**
 * How a request is taken in: its query string parsed, and its body (JSON only, at most
 * {@link MAX_BODY_BYTES}, nested no deeper than {@link MAX_JSON_DEPTH}) parsed for methods that carry
 * one. The steps run as one restify handler (restify pays a tick, a timer and a promise per handler),
 * and a poll (GET) runs none of the body's.
 */
import restify, { type Next, type Request, type RequestHandler, type Response } from 'restify';
import type { Logger } from '../app/ports.js';
import { correlationIdOf } from './correlation.js';
import { HttpError } from './errors.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './jsonDepth.js';

/** Largest request body accepted (tab writes and bot activities are a few KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Methods whose requests may carry a body. */
export const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

type Step = (req: Request, res: Response, next: Next) => void;

/** The steps as one handler: each runs after the one before it succeeds; an error ends the request. */
export function requestParts(logger: Logger, routeName: (req: Request) => string | undefined): RequestHandler {
  const query: Step = restify.plugins.queryParser({ mapParams: false });
  const withBody: Step[] = [
    query,
    jsonOnly,
    restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }),
    notNestedTooDeeply(logger, routeName),
    ...restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }),
  ];
  return (req: Request, res: Response, next: Next) => {
    // A poll has one step, called directly: no per-request closure.
    if (!BODY_METHODS.has(req.method ?? '')) return query(req, res, next);
    let index = 0;
    const step = (err?: unknown): void => {
      const current = withBody[index++];
      if (err !== undefined && err !== null) next(err as Error);
      else if (!current) next();
      else current(req, res, step as Next);
    };
    step();
  };
}

function jsonOnly(req: Request, _res: Response, next: Next): void {
  const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const hasBody = Number(req.header('content-length') ?? '0') > 0 || req.header('transfer-encoding') !== undefined;
  if (hasBody && type !== 'application/json') {
    next(new HttpError(415, 'unsupportedMediaType', 'Send the request body as application/json and try again.'));
  } else next();
}

// Checked on the raw text: parsing first would hand the deep value to code that walks it recursively.
function notNestedTooDeeply(logger: Logger, routeName: (req: Request) => string | undefined): Step {
  return (req, _res, next) => {
    if (typeof req.body !== 'string' || !jsonNestsDeeperThan(req.body, MAX_JSON_DEPTH)) return next();
    logger.warn(
      { correlationId: correlationIdOf(req), route: routeName(req), limit: MAX_JSON_DEPTH },
      'request body nested too deeply: refused',
    );
    next(
      new HttpError(
        400,
        'nestedTooDeeply',
        `The request body is nested more than ${MAX_JSON_DEPTH} levels deep; send a flatter JSON object and try again.`,
      ),
    );
  };
}
