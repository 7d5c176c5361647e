import type { Request, Response } from 'restify';
import type { Logger } from '../../app/ports.js';
import { correlationIdOf } from '../correlation.js';
import { HttpError } from '../errors.js';
import { AuthError, type Caller, type SsoVerifier } from './ssoVerifier.js';

const SIGN_IN_AGAIN =
  'Your sign-in could not be checked; close and reopen the Chaperone tab in Teams to sign in again.';

/**
 * Verifies the request's `Authorization: Bearer` token and returns the caller, or answers 401. A
 * refusal is logged once with its reason and correlation id; the token itself is never logged.
 */
export async function authenticate(
  req: Request,
  res: Response,
  verifier: SsoVerifier,
  logger: Logger,
): Promise<Caller> {
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  try {
    if (!match?.[1]) throw new AuthError('no bearer token');
    return await verifier.verify(match[1], req.socket);
  } catch (err) {
    const reason = err instanceof AuthError ? err.reason : 'verifier failed';
    logger.warn({ correlationId: correlationIdOf(req), reason }, 'tab API sign-in refused');
    res.setHeader('www-authenticate', 'Bearer');
    throw new HttpError(401, 'unauthorized', SIGN_IN_AGAIN);
  }
}
