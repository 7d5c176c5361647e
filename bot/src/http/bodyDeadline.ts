/**
 * A read deadline for request bodies. Node's own `server.requestTimeout` is checked only every
 * 30 s (and restify gives no way to change that), so a client trickling a body would hold a
 * connection and a handler for minutes; this timer answers it precisely instead.
 */
import type { Request, Response } from 'restify';
import type { Logger } from '../app/ports.js';
import { correlationIdOf } from './correlation.js';
import { HttpError, sendError } from './errors.js';

/** How long a request body may take to arrive after its headers unless configured otherwise. */
export const DEFAULT_REQUEST_BODY_TIMEOUT_MS = 10_000;

/**
 * Run as each request arrives (the server's first step): a request whose body has not fully
 * arrived `timeoutMs` after its headers gets 408 with a JSON sentence, and its connection is closed
 * (the rest of the body is never read). Logged once per request, with the correlation id only.
 */
export function bodyDeadline(timeoutMs: number, logger: Logger): (req: Request, res: Response) => void {
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new RangeError(`A request body timeout must be a positive number of milliseconds, not ${timeoutMs}.`);
  return (req, res) => {
    if (req.complete) return;
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      const correlationId = correlationIdOf(req);
      logger.warn({ correlationId, timeoutMs }, 'request body did not arrive in time: refused');
      res.setHeader('connection', 'close');
      sendError(
        res,
        new HttpError(
          408,
          'requestTimeout',
          'The request took too long to arrive; check your connection and try again.',
        ),
        correlationId,
      );
      res.once('finish', () => req.socket.destroy());
    }, timeoutMs);
    const stop = (): void => clearTimeout(timer);
    req.once('end', stop);
    res.once('close', stop);
  };
}
