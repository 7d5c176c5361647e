/**
 * Booking a lesson from the personal tab, staff only: `POST /api/bookings/check` (the policy checks,
 * nothing created) and `POST /api/bookings` (book as the teacher, once per `clientRequestId`).
 * Policy problems come back by field (422). Microsoft refusing to act for the teacher comes back as
 * `consentRequired` (401: the tab shows Teams' consent prompt, then sends the same request again) or
 * `notGranted` (403: one sentence for the teacher, one for IT).
 */
import type { Request, Response, Server } from 'restify';
import { bookLesson, type BookLessonDeps } from '../../app/booking/bookLesson.js';
import { BookingFailed, BookingRefused } from '../../app/booking/bookingErrors.js';
import { checkBooking, type BookingCaller } from '../../app/booking/bookingRequest.js';
import { DelegatedAccessError } from '../../app/booking/ports.js';
import { GraphUnavailableError } from '../../app/meetingControl/ports.js';
import { authenticate } from '../auth/bearer.js';
import { correlationIdOf } from '../correlation.js';
import { HttpError } from '../errors.js';
import { authorize } from './access.js';
import { parseBooking, parseBookingCheck } from './bookingBody.js';
import type { TabApiDeps } from './deps.js';

/** What booking adds to the tab API's dependencies. */
export type BookingRouteDeps = Pick<BookLessonDeps, 'calendar' | 'bookings' | 'cards'>;

/** Registers the two booking routes. */
export function registerBookingRoutes(server: Server, deps: TabApiDeps, booking: BookingRouteDeps): void {
  const bookDeps: BookLessonDeps = { ...booking, ...deps };

  server.post('/api/bookings/check', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    const check = await checkBooking(deps, caller, parseBookingCheck(req.body));
    res.setHeader('cache-control', 'no-store');
    res.json(check);
  });

  server.post('/api/bookings', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    const { clientRequestId, request } = parseBooking(req.body);
    res.setHeader('cache-control', 'no-store');
    try {
      const result = await bookLesson(bookDeps, caller, clientRequestId, request);
      if (result.outcome === 'invalid') {
        res.status(422);
        res.json({ error: { code: 'policyProblems', message: POLICY_PROBLEMS }, problems: result.problems });
        return;
      }
      res.status(result.repeated ? 200 : 201);
      res.json(result);
    } catch (error) {
      refusal(req, res, error, deps);
    }
  });
}

const POLICY_PROBLEMS =
  "This lesson does not meet the school's rules yet; change what each field says, then book again.";

/** The verified member of staff, with the sign-in token Graph is called with on their behalf. */
async function staffCaller(req: Request, res: Response, deps: TabApiDeps): Promise<BookingCaller> {
  const caller = await authenticate(req, res, deps.verifier, deps.logger);
  await authorize(deps.directory, caller, 'changeLesson');
  // authenticate() has just verified this header's token.
  const ssoToken = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')![1]!;
  return { ...caller, asUser: { ssoToken } };
}

/** Answers a refusal or failure the tab can act on; anything unexpected goes to the shared error handler. */
function refusal(req: Request, res: Response, error: unknown, deps: Pick<TabApiDeps, 'logger'>): void {
  const failed = error instanceof BookingFailed ? error : undefined;
  const cause = failed ? failed.cause : error;
  const after = failed ? ` ${failed.message}` : '';
  const extra = failed ? { rolledBack: failed.rolledBack } : {};
  if (error instanceof BookingRefused) throw new HttpError(409, error.reason, error.message);
  if (cause instanceof DelegatedAccessError) {
    deps.logger.warn(
      {
        correlationId: correlationIdOf(req),
        refusal: cause.kind,
        permission: cause.permission,
        rolledBack: failed?.rolledBack,
      },
      'booking refused by Microsoft sign-in or Graph',
    );
    const answer = ACCESS_ANSWERS[cause.kind](cause.permission);
    res.status(answer.status);
    res.json({
      error: { ...answer.error, message: `${answer.error.message}${after}`, correlationId: correlationIdOf(req) },
      ...extra,
    });
    return;
  }
  if (cause instanceof GraphUnavailableError || failed) {
    res.status(503);
    res.json({
      error: {
        code: 'bookingFailed',
        message: failed
          ? failed.message
          : 'Microsoft Teams did not answer, so nothing was booked; try again in a few minutes.',
        correlationId: correlationIdOf(req),
      },
      ...extra,
    });
    return;
  }
  throw error;
}

type AccessAnswer = { status: number; error: { code: string; message: string; forIt?: string } };

const ACCESS_ANSWERS: Record<DelegatedAccessError['kind'], (permission?: string) => AccessAnswer> = {
  consentRequired: () => ({
    status: 401,
    error: {
      code: 'consentRequired',
      message:
        'Chaperone needs your permission to add lessons to your calendar; approve it in the window Teams shows, then book again.',
    },
  }),
  notGranted: (permission) => ({
    status: 403,
    error: {
      code: 'notGranted',
      message:
        'Your school has not yet allowed Chaperone to book lessons for you; ask your IT team, and book this lesson in Teams for now.',
      forIt: `Grant admin consent for the Chaperone tab app's delegated Microsoft Graph permission${permission ? ` ${permission}` : 's Calendars.ReadWrite and OnlineMeetings.ReadWrite'} in Microsoft Entra admin center (Enterprise applications, Chaperone, Permissions).`,
    },
  }),
  signInAgain: () => ({
    status: 401,
    error: {
      code: 'unauthorized',
      message: 'Your sign-in could not be used to book; close and reopen the Chaperone tab in Teams, then book again.',
    },
  }),
};
