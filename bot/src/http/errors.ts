import type { Response } from 'restify';

/** The JSON body of every error this service returns: a stable code and a sentence with the next step. */
export interface ErrorBody {
  error: { code: string; message: string; correlationId?: string };
}

/** An error whose status, code and message are safe to show the caller. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Messages for errors restify raises itself, rewritten as sentences with the next step. */
const RESTIFY_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'badRequest', message: 'The request body is not valid JSON; send a JSON object and try again.' },
  404: { code: 'notFound', message: 'There is nothing at this address; check the URL.' },
  405: { code: 'methodNotAllowed', message: 'This address does not accept that method; check the API documentation.' },
  406: { code: 'notAcceptable', message: 'This service answers in JSON; accept application/json and try again.' },
  413: {
    code: 'bodyTooLarge',
    message: 'The request body is too large; send less data (at most 64 KiB) and try again.',
  },
  415: { code: 'unsupportedMediaType', message: 'Send the request body as application/json and try again.' },
};

const UNEXPECTED = {
  code: 'internal',
  message: 'Something went wrong on our side; try again, and if it keeps happening tell your IT team.',
};

/**
 * Maps any error to a status and a body safe for clients: an {@link HttpError} as it is, a restify
 * error by its status, anything else as a 500 with no detail (never a stack or an internal message).
 */
export function toErrorResponse(err: unknown, correlationId?: string): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) {
    return { status: err.statusCode, body: { error: { code: err.code, message: err.message, correlationId } } };
  }
  const status =
    typeof (err as { statusCode?: unknown })?.statusCode === 'number'
      ? (err as { statusCode: number }).statusCode
      : 500;
  const known = RESTIFY_ERRORS[status];
  if (known) return { status, body: { error: { ...known, correlationId } } };
  return { status: 500, body: { error: { ...UNEXPECTED, correlationId } } };
}

/** Sends an error as JSON with the right status. */
export function sendError(res: Response, err: unknown, correlationId?: string): void {
  const { status, body } = toErrorResponse(err, correlationId);
  res.status(status);
  res.json(body);
}
