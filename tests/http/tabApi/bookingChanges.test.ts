import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SchoolNowView } from '../../../bot/src/app/schoolView/schoolViewModel.js';
import { personalConversationId } from '../../../bot/src/dev/connector/fakeConnector.js';
import { postedMessages } from '../../support/connectorReads.js';
import { graphError } from '../../support/fakeGraphBooking.js';
import { lessonKey, OTHER_TENANT, PEOPLE, SCHOOL_TENANT } from '../../support/tabServer.js';
import { form, HOUR, START, SLT, useBookingApi, type BookingApi, type Person } from './bookingApi.js';

const { teacherA, teacherB } = PEOPLE;
const senior = { id: SLT, name: 'Mrs Senior' };
const DAY = 24 * HOUR;

/** Books `form(over)` as `person` under `id`, then forgets the booking's own cards; answers the booking. */
async function book(api: BookingApi, id: string, person: Person = teacherA, over: Record<string, unknown> = {}) {
  const { status, body } = await api.post('/api/bookings', { ...form(over), clientRequestId: id }, person);
  assert.equal(status, 201, JSON.stringify(body));
  api.teams.clear();
  return body.booking;
}

/** The school view as the senior leader sees it once the board (written in the background) shows what `ready` wants. */
async function boardWhen(api: BookingApi, ready: (view: SchoolNowView) => boolean): Promise<SchoolNowView> {
  let view: SchoolNowView | undefined;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    api.tab.core.school.invalidate(SCHOOL_TENANT);
    view = (await api.get('/api/school/now', senior)).body as SchoolNowView;
    if (ready(view)) return view;
    await sleep(50);
  }
  assert.fail(`the board never got there: ${JSON.stringify(view)}`);
}

describe('http/tabApi/bookingChanges: the teacher lists and cancels booked lessons (real service, fake Graph)', function () {
  this.timeout(60_000);
  const api = useBookingApi();

  it("GET /api/bookings: the caller's own lessons not yet ended, soonest first; another school's sign-in sees none", async () => {
    await book(api, 'list-later-01', teacherA, { start: new Date(START + DAY).toISOString() });
    const first = await book(api, 'list-first-01');
    await book(api, 'list-brown-01', teacherB, {
      otherStaff: [{ aadObjectId: teacherA.id, email: 'a@school.example', name: teacherA.name }],
    });
    await book(api, 'list-senior-01', senior);
    const { status, body } = await api.get('/api/bookings');
    assert.equal(status, 200);
    const { bookings } = body as { bookings: Array<Record<string, unknown>> };
    assert.deepEqual(bookings[0], {
      id: 'list-first-01',
      title: 'Year 5 maths',
      start: START,
      end: START + 20 * 60_000,
      durationMinutes: 20,
      otherStaffNames: [teacherB.name],
      pupilCount: 2,
      state: 'booked',
      joinUrl: first.joinUrl,
      meetingId: first.meetingId,
    });
    const mine = bookings.map((b) => b.id).filter((id) => String(id).startsWith('list-'));
    assert.deepEqual(mine, ['list-first-01', 'list-later-01'], 'no other teacher’s, soonest first');
    api.now = START + 21 * 60_000;
    const after = (await api.get('/api/bookings')).body as { bookings: Array<{ id: string }> };
    assert.ok(!after.bookings.some((b) => b.id === 'list-first-01'), 'an ended lesson is not listed');
    assert.equal((await api.get('/api/bookings', teacherA, OTHER_TENANT)).status, 403, 'not staff in that school');
    const elsewhere = await api.get('/api/bookings', senior, OTHER_TENANT);
    assert.deepEqual([elsewhere.status, elsewhere.body], [200, { bookings: [] }], 'staff there, no lesson there');
  });

  it('cancel: Graph cancels once, the lesson leaves the school view, the senior leader and the other staff are told; twice is once', async () => {
    const booked = await book(api, 'cancel-0001');
    api.now = START - 2 * HOUR; // Wednesday morning: the lesson is under "Later today"
    await boardWhen(api, (v) => v.later.some((l) => l.meetingId === booked.meetingId));
    const { status, body } = await api.post('/api/bookings/cancel-0001/cancel', {});
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(
      [body.outcome, body.repeated, body.cardsQueued, body.booking.state, body.booking.cancelledAt],
      ['cancelled', false, 2, 'cancelled', api.now],
    );
    assert.equal(api.graph.requests.filter((r) => r.path.endsWith('/cancel')).length, 1);
    assert.ok(api.graph.cancellations.some((c) => c.organizer === teacherA.id && c.comment));
    const state = (await api.tab.meetings.load(lessonKey(booked.meetingId)))?.state;
    assert.equal(state?.cancelledAt, api.now);
    await boardWhen(api, (v) => ![...v.lessons, ...v.later].some((l) => l.meetingId === booked.meetingId));
    const cards = postedMessages(api.teams).map((c) => c.text);
    assert.deepEqual(cards, ['Cancelled: Year 5 maths, Wed 6 Mar 10:00', 'Cancelled: Year 5 maths, Wed 6 Mar 10:00']);
    // Each person's 1:1 chat with the bot (the senior leader's was made for the booking's card).
    assert.deepEqual(
      postedMessages(api.teams)
        .map((c) => c.conversation)
        .sort(),
      [personalConversationId(teacherB.id), personalConversationId(SLT)].sort(),
      'the senior leader and the other staff',
    );
    const again = await api.post('/api/bookings/cancel-0001/cancel', {});
    assert.deepEqual([again.status, again.body.repeated, again.body.cardsQueued], [200, true, 0]);
    assert.equal(api.graph.requests.filter((r) => r.path.endsWith('/cancel')).length, 1, 'Graph called once');
    assert.equal(postedMessages(api.teams).length, 2, 'nobody told twice');
  });

  it('Graph 503 (after its retries) or 403: nothing recorded, nobody told, the answer says so; it can be cancelled after', async () => {
    const booked = await book(api, 'cancel-0002');
    const unavailable = { ...graphError(503, 'ServiceUnavailable'), headers: { 'Retry-After': '0' } };
    api.graph.script('POST', /\/cancel$/, unavailable, unavailable, unavailable, unavailable);
    const failed = await api.post('/api/bookings/cancel-0002/cancel', {});
    assert.equal(failed.status, 503);
    assert.equal(failed.body.error.code, 'bookingFailed');
    assert.match(failed.body.error.message, /did not answer, so the lesson was not cancelled; try again/);
    api.graph.script('POST', /\/cancel$/, graphError(403, 'ErrorAccessDenied'));
    const refused = await api.post('/api/bookings/cancel-0002/cancel', {});
    assert.deepEqual([refused.status, refused.body.error.code], [403, 'notGranted']);
    assert.match(
      refused.body.error.message,
      /not yet allowed Chaperone to change lessons.*cancel this lesson in Teams/,
    );
    assert.match(refused.body.error.forIt ?? '', /Calendars\.ReadWrite/);
    assert.equal(postedMessages(api.teams).length, 0);
    assert.equal((await api.tab.meetings.load(lessonKey(booked.meetingId)))?.state.cancelledAt, undefined);
    const listed = (await api.get('/api/bookings')).body as { bookings: Array<{ id: string; state: string }> };
    assert.equal(listed.bookings.find((b) => b.id === 'cancel-0002')?.state, 'booked');
    assert.equal((await api.post('/api/bookings/cancel-0002/cancel', {})).status, 200);
  });

  it("someone else's booking is 404, in the same school or another; Graph is not called", async () => {
    await book(api, 'cancel-0003');
    for (const [person, tenant] of [
      [teacherB, undefined],
      [senior, OTHER_TENANT],
    ] as const) {
      const res = await fetch(`${api.tab.base}/api/bookings/cancel-0003/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await api.tab.token(person, tenant)}` },
      });
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'notFound');
    }
    assert.equal((await api.post('/api/bookings/not-a-booking!/cancel', {})).status, 404);
    assert.equal(api.graph.requests.filter((r) => r.path.endsWith('/cancel')).length, 0);
  });
});
