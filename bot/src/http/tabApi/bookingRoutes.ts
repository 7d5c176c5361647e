/**
 * Booking a lesson from the personal tab, staff only: `GET /api/bookings/me` (whether the caller can
 * book and the school's rules, for the form), `POST /api/bookings/check` (the policy checks, nothing
 * created) and `POST /api/bookings` (book as the teacher, once per `clientRequestId`). Policy problems
 * come back by field (422). Microsoft refusing to act for the teacher comes back as `consentRequired`
 * (401: the tab shows Teams' consent prompt, then sends the same request again) or `notGranted` (403:
 * one sentence for the teacher, one for IT). Booking not set up for the school: 503 `bookingNotSetUp`.
 * When booking is set up, `me` also says where the tab asks the teacher's consent (the app, their tenant).
 * The teacher's booked lessons, and cancelling or moving one: bookingChangeRoutes.ts.
 */
import type { Request, Response, Server } from 'restify';
import { bookLesson, type BookLessonDeps } from '../../app/booking/bookLesson.js';
import { checkBooking, isSeniorLeader } from '../../app/booking/bookingRequest.js';
import { bookingConsent, bookingRules, type BookingApp } from '../../app/booking/bookingRules.js';
import { parseBooking, parseBookingCheck } from './bookingBody.js';
import { staffCaller } from './bookingCaller.js';
import { registerBookingChangeRoutes } from './bookingChangeRoutes.js';
import { answerNotSetUp, answerRefusal } from './bookingRefusals.js';
import type { TabApiDeps } from './deps.js';

/** What booking adds to the tab API's dependencies: the use case's ports, and the app the teacher consents to. */
export type BookingRouteDeps = Pick<BookLessonDeps, 'calendar' | 'bookings' | 'cards' | 'chat'> & { app: BookingApp };

/** Registers the booking routes; without `booking` (not set up) lessons are still checked, never booked. */
export function registerBookingRoutes(server: Server, deps: TabApiDeps, booking: BookingRouteDeps | undefined): void {
  const bookDeps: BookLessonDeps | undefined = booking && { ...booking, ...deps };

  server.get('/api/bookings/me', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    res.setHeader('cache-control', 'no-store');
    res.json({
      name: caller.name,
      canBook: Boolean(bookDeps),
      canOverrideNotice: await isSeniorLeader(deps.directory, caller),
      rules: bookingRules(deps.policyFor(caller.tenantId)),
      ...(booking ? { consent: bookingConsent(booking.app, caller.tenantId) } : {}),
    });
  });

  server.post('/api/bookings/check', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    const check = await checkBooking(deps, caller, parseBookingCheck(req.body));
    res.setHeader('cache-control', 'no-store');
    res.json(check);
  });

  server.post('/api/bookings', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    res.setHeader('cache-control', 'no-store');
    if (!bookDeps) return answerNotSetUp(req, res);
    const { clientRequestId, request } = parseBooking(req.body);
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
      answerRefusal(req, res, error, deps.logger);
    }
  });

  registerBookingChangeRoutes(server, deps, bookDeps);
}

const POLICY_PROBLEMS =
  "This lesson does not meet the school's rules yet; change what each field says, then book again.";
