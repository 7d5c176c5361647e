/**
 * How a request is taken in. A request with a body (JSON only, at most {@link MAX_BODY_BYTES},
 * nested no deeper than {@link MAX_JSON_DEPTH}) has its query string and body parsed by one restify
 * handler in front of its route ({@link bodyParts}; restify pays a tick, a timer and a promise per
 * handler). A request without one (a poll) runs no step before its route; the few routes that read
 * a query string ask for it with {@link queryOf}.
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

const parseQuery: Step = restify.plugins.queryParser({ mapParams: false });

/**
 * The steps of a request with a body, as one handler: the query string, then the body; each runs after the one before
 * it succeeds, and an error ends the request.
 */
export function bodyParts(logger: Logger, routeName: (req: Request) => string | undefined): RequestHandler {
  const steps: Step[] = [
    parseQuery,
    jsonOnly,
    restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }),
    notNestedTooDeeply(logger, routeName),
    ...restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }),
  ];
  return (req: Request, res: Response, next: Next) => {
    let index = 0;
    const step = (err?: unknown): void => {
      const current = steps[index++];
      if (err !== undefined && err !== null) next(err as Error);
      else if (!current) next();
      else current(req, res, step as Next);
    };
    step();
  };
}

/** The request's query string as an object (restify's parser, run once per request; `{}` when there is none). */
export function queryOf(req: Request): Record<string, unknown> {
  // Until parsed, `req.query` is restify's method returning the raw string (from its prototype).
  if (!Object.hasOwn(req, 'query')) {
    let failure: unknown;
    // The parser answers through `next` before it returns.
    parseQuery(req, undefined as unknown as Response, ((err?: unknown) => (failure = err)) as Next);
    if (failure)
      throw new HttpError(
        400,
        'badQuery',
        'The address has a query Chaperone cannot read; check the link and try again.',
      );
  }
  return (req.query ?? {}) as Record<string, unknown>;
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
