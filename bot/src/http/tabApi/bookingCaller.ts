/** Who calls the booking routes: a verified member of staff, with the sign-in token Graph is called with for them. */
import type { Request, Response } from 'restify';
import type { BookingCaller } from '../../app/booking/bookingRequest.js';
import { authenticate } from '../auth/bearer.js';
import { authorize } from './access.js';
import type { TabApiDeps } from './deps.js';

/** The verified member of staff (401 without a sign-in, 403 for anyone not staff in their own tenant). */
export async function staffCaller(req: Request, res: Response, deps: TabApiDeps): Promise<BookingCaller> {
  const caller = await authenticate(req, res, deps.verifier, deps.logger);
  await authorize(deps.directory, caller, 'changeLesson');
  // authenticate() has just verified this header's token.
  const ssoToken = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')![1]!;
  return { ...caller, asUser: { ssoToken } };
}
