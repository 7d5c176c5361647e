/**
 * The teacher's booked lessons in the personal tab, staff only: `GET /api/bookings` (their own lessons that have
 * not ended, soonest first), `POST /api/bookings/:id/cancel` and `POST /api/bookings/:id/move` (the organizer
 * only: anyone else's booking, in any school, is 404). Cancelling twice is one cancellation; a move is once per
 * `clientRequestId`. New times the policy refuses come back by field (422). Microsoft refusing or failing is
 * answered as booking is, and nothing is changed or said.
 */
import type { Request, Response, Server } from 'restify';
import type { BookLessonDeps } from '../../app/booking/bookLesson.js';
import type { BookingChanged } from '../../app/booking/bookingChange.js';
import { bookingItem, upcomingBookings } from '../../app/booking/bookingList.js';
import { BookingChangeRefused } from '../../app/booking/bookingErrors.js';
import { cancelBooking } from '../../app/booking/cancelBooking.js';
import { moveBooking } from '../../app/booking/moveBooking.js';
import { isBookingId, parseMove } from './bookingBody.js';
import { staffCaller } from './bookingCaller.js';
import { answerNotSetUp, answerRefusal } from './bookingRefusals.js';
import type { TabApiDeps } from './deps.js';

const MOVE_PROBLEMS =
  "The new time does not meet the school's rules; change what each field says, then move the lesson again.";

/** Registers the three routes; without `bookDeps` (booking not set up) each answers 503 `bookingNotSetUp`. */
export function registerBookingChangeRoutes(
  server: Server,
  deps: TabApiDeps,
  bookDeps: BookLessonDeps | undefined,
): void {
  server.get('/api/bookings', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    res.setHeader('cache-control', 'no-store');
    if (!bookDeps) return answerNotSetUp(req, res);
    res.json({ bookings: await upcomingBookings(bookDeps.bookings, caller, deps.clock.now()) });
  });

  server.post('/api/bookings/:id/cancel', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    res.setHeader('cache-control', 'no-store');
    if (!bookDeps) return answerNotSetUp(req, res);
    try {
      answerChanged(res, 'cancelled', await cancelBooking(bookDeps, caller, bookingIdOf(req)));
    } catch (error) {
      answerRefusal(req, res, error, deps.logger, 'cancel');
    }
  });

  server.post('/api/bookings/:id/move', async (req: Request, res: Response) => {
    const caller = await staffCaller(req, res, deps);
    res.setHeader('cache-control', 'no-store');
    if (!bookDeps) return answerNotSetUp(req, res);
    const id = bookingIdOf(req);
    const { clientRequestId, move } = parseMove(req.body);
    try {
      const result = await moveBooking(bookDeps, caller, id, clientRequestId, move);
      if (result.outcome === 'invalid') {
        res.status(422);
        res.json({ error: { code: 'policyProblems', message: MOVE_PROBLEMS }, problems: result.problems });
        return;
      }
      answerChanged(res, 'moved', result);
    } catch (error) {
      answerRefusal(req, res, error, deps.logger, 'move');
    }
  });
}

/** The booking id in the path; one that cannot be a booking's is no booking (404). */
function bookingIdOf(req: Request): string {
  const id = (req.params as Record<string, string | undefined>).id;
  if (!isBookingId(id)) throw new BookingChangeRefused('notFound');
  return id;
}

function answerChanged(res: Response, outcome: 'cancelled' | 'moved', changed: BookingChanged): void {
  res.status(200);
  res.json({
    outcome,
    repeated: changed.repeated,
    cardsQueued: changed.cardsQueued,
    booking: bookingItem(changed.kept),
  });
}
