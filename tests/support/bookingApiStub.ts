/**
 * The booking API as the tab calls it (`/api/bookings/me`, `/check`, `/api/bookings`), answered inside the browser
 * through Playwright's request routing until the composition root serves the real routes to the browser tests. The
 * shapes are the routes' own (bookingRoutes.ts, bookingBody.ts); the policy problems come from the real
 * `validateBooking` with the strict preset at the stub's `now`. A test can script the next answers of
 * `POST /api/bookings` (a consent prompt, a permission IT has not granted) and reads every request the tab sent.
 */
import type { BrowserContext, Route } from 'playwright-core';
import type { BookingRequest } from '../../bot/src/app/booking/bookingRequest.js';
import { bookingPlan } from '../../bot/src/app/booking/bookingRequest.js';
import { bookingRules } from '../../bot/src/app/booking/bookingRules.js';
import { validateBooking } from '../../bot/src/domain/booking/validateBooking.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';

/** One answer of the stub: a status and its JSON body. */
export interface StubAnswer {
  status: number;
  body: unknown;
}

/** What the tab sent to `POST /api/bookings`, with the sign-in header it carried. */
export interface BookingSent {
  body: { clientRequestId: string } & Record<string, unknown>;
  signedIn: boolean;
}

/** Options of {@link routeBookingApi}. */
export interface BookingStubOptions {
  /** The service's clock, for the notice rule. */
  now: number;
  /** The teacher booking (the organizer). */
  organizer: { id: string; name: string };
  /** Email addresses of the school's staff (the second adult must be one of them). */
  staffEmails: string[];
  /** Entra ids of the school's staff: anyone else is refused (403), as the routes' staff check does. */
  staffIds: string[];
}

/** The stub's record and script. */
export interface BookingStub {
  sent: BookingSent[];
  checks: number;
  /** Answers for the next `POST /api/bookings`, used in order before the booking is made. */
  script: StubAnswer[];
}

const POLICY = policyFromPreset('strict');

/** Routes the browser context's booking calls to the stub; returns what a test scripts and reads. */
export async function routeBookingApi(context: BrowserContext, options: BookingStubOptions): Promise<BookingStub> {
  const stub: BookingStub = { sent: [], checks: 0, script: [] };
  const booked = new Map<string, StubAnswer>();
  const staff = new Set(options.staffEmails.map((e) => e.toLowerCase()));

  const check = (form: Record<string, unknown>) => {
    const others = (form['otherStaff'] as Array<{ email: string; aadObjectId?: string }>) ?? [];
    const request = { ...form, start: Date.parse(String(form['start'])) } as unknown as BookingRequest;
    const plan = bookingPlan({ ...request, otherStaff: others.map((s) => ({ ...s, aadObjectId: s.email, name: '' })) });
    const roles = Object.fromEntries(
      others.map((s) => [s.email, staff.has(s.email.toLowerCase()) ? 'staff' : 'guest']),
    );
    return validateBooking(POLICY, plan, options.now, {
      organizerId: options.organizer.id,
      organizerIsSlt: false,
      otherStaffRoles: roles as Record<string, 'staff'>,
    });
  };

  const book = (body: BookingSent['body']): StubAnswer => {
    const scripted = stub.script.shift();
    if (scripted) return scripted;
    const earlier = booked.get(body.clientRequestId);
    if (earlier) return { status: 200, body: { ...(earlier.body as object), repeated: true, sltCardsQueued: 0 } };
    const result = check(body);
    if (result.problems.length)
      return {
        status: 422,
        body: { error: { code: 'policyProblems', message: POLICY_PROBLEMS }, problems: result.problems },
      };
    const start = Date.parse(String(body['start']));
    const others = body['otherStaff'] as Array<{ aadObjectId?: string; email: string }>;
    const booking = {
      meetingId: `booked-${booked.size + 1}`,
      eventId: `event-${booked.size + 1}`,
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/booked',
      title: body['title'],
      start,
      end: start + Number(body['durationMinutes']) * 60_000,
      bookedAt: options.now,
      organizerId: options.organizer.id,
      staffIds: [options.organizer.id, ...others.map((s) => s.aadObjectId ?? s.email)],
      pupilCount: (body['pupils'] as string[]).length,
      checksPassed: result.passed,
    };
    const answer = { status: 201, body: { outcome: 'booked', booking, repeated: false, sltCardsQueued: 1 } };
    booked.set(body.clientRequestId, answer);
    return answer;
  };

  const answer = (route: Route, { status, body }: StubAnswer) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });

  await context.route(/\/api\/bookings(\/|$)/, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const signedIn = /^Bearer \S+$/.test((await request.allHeaders())['authorization'] ?? '');
    if (!signedIn)
      return answer(route, { status: 401, body: { error: { code: 'unauthorized', message: 'Sign in.' } } });
    if (!options.staffIds.includes(signedInAs(await request.allHeaders())))
      return answer(route, { status: 403, body: { error: { code: 'staffOnly', message: 'This is for staff only.' } } });
    if (request.method() === 'GET' && path === '/api/bookings/me')
      return answer(route, {
        status: 200,
        body: { name: options.organizer.name, canBook: true, canOverrideNotice: false, rules: bookingRules(POLICY) },
      });
    const body = request.postDataJSON() as BookingSent['body'];
    if (path === '/api/bookings/check') {
      stub.checks++;
      return answer(route, { status: 200, body: check(body) });
    }
    stub.sent.push({ body, signedIn });
    return answer(route, book(body));
  });
  return stub;
}

/** Whose sign-in token the request carries (read, not verified: the real routes verify it). */
function signedInAs(headers: Record<string, string>): string {
  const payload = (headers['authorization'] ?? '').split('.')[1] ?? '';
  try {
    return String((JSON.parse(Buffer.from(payload, 'base64url').toString()) as { oid?: string }).oid ?? '');
  } catch {
    return '';
  }
}

const POLICY_PROBLEMS =
  "This lesson does not meet the school's rules yet; change what each field says, then book again.";
