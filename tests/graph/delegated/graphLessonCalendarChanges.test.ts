import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DelegatedAccessError, type NewLessonEvent } from '../../../bot/src/app/booking/ports.js';
import { GraphUnavailableError } from '../../../bot/src/app/meetingControl/ports.js';
import { GraphLessonCalendar } from '../../../bot/src/graph/delegated/graphLessonCalendar.js';
import { graphError, startFakeGraphBooking, type FakeGraphBooking } from '../../support/fakeGraphBooking.js';

const START = Date.UTC(2024, 2, 6, 10, 0);
const UTC_START = { dateTime: '2024-03-06T10:00:00.000', timeZone: 'UTC' };
let tx = 0;
const lesson = (): NewLessonEvent => ({
  subject: 'Year 5 maths',
  start: START,
  end: START + 20 * 60_000,
  invitees: [{ email: 'osei@school.example', aadObjectId: 'osei', role: 'staff' }],
  transactionId: `change-tx-${++tx}`,
});

describe('graph/delegated/GraphLessonCalendar: cancelling and moving the event', () => {
  let fake: FakeGraphBooking;
  let stop: () => Promise<void>;
  before(async () => ({ fake, stop } = await startFakeGraphBooking()));
  after(() => stop());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  function makeSut(teacher = 'khan') {
    const forUser = sinon.fake(async (sso: string) => `delegated:${sso.replace('sso-', '')}`);
    const sleep = sinon.fake.resolves(undefined);
    const calendar = new GraphLessonCalendar({ baseUrl: fake.graphBaseUrl, tokens: { forUser }, sleep });
    return { calendar, sleep, asUser: { ssoToken: `sso-${teacher}` } };
  }

  it('cancels as the organizer with the comment (POST .../cancel, 202): the event is gone; again, it is not found', async () => {
    const sut = makeSut();
    const { eventId } = await sut.calendar.createEvent(sut.asUser, lesson());
    assert.equal(await sut.calendar.cancelEvent(sut.asUser, eventId, 'Lesson cancelled.'), 'cancelled');
    const post = fake.requests.at(-1)!;
    assert.deepEqual(
      [post.method, post.path, post.body],
      ['POST', `/v1.0/me/events/${eventId}/cancel`, { Comment: 'Lesson cancelled.' }],
    );
    assert.deepEqual(fake.cancellations.at(-1), { eventId, organizer: 'khan', comment: 'Lesson cancelled.' });
    assert.equal(fake.events.has(eventId), false);
    assert.equal(await sut.calendar.cancelEvent(sut.asUser, eventId, 'Lesson cancelled.'), 'notFound');
  });

  it("another teacher's event is not found (404 ErrorItemNotFound), and is left as it was", async () => {
    const owner = makeSut('khan');
    const { eventId } = await owner.calendar.createEvent(owner.asUser, lesson());
    const other = makeSut('osei');
    assert.equal(await other.calendar.cancelEvent(other.asUser, eventId, 'x'), 'notFound');
    assert.equal(await other.calendar.moveEvent(other.asUser, eventId, { start: 0, end: 1 }), 'notFound');
    assert.deepEqual(fake.events.get(eventId)?.event.start, UTC_START);
    assert.equal(
      fake.cancellations.some((c) => c.eventId === eventId),
      false,
    );
  });

  it('moves the event with PATCH /me/events/{id}: new start and end in UTC, as the event was made', async () => {
    const sut = makeSut();
    const { eventId } = await sut.calendar.createEvent(sut.asUser, lesson());
    const start = START + 86_400_000;
    assert.equal(await sut.calendar.moveEvent(sut.asUser, eventId, { start, end: start + 30 * 60_000 }), 'moved');
    const patch = fake.requests.at(-1)!;
    assert.deepEqual(
      [patch.method, patch.path, patch.body],
      [
        'PATCH',
        `/v1.0/me/events/${eventId}`,
        {
          start: { dateTime: '2024-03-07T10:00:00.000', timeZone: 'UTC' },
          end: { dateTime: '2024-03-07T10:30:00.000', timeZone: 'UTC' },
        },
      ],
    );
    assert.deepEqual(fake.events.get(eventId)?.event.start, { dateTime: '2024-03-07T10:00:00.000', timeZone: 'UTC' });
  });

  it('429 with Retry-After on the cancel: waits as asked and cancels once', async () => {
    const sut = makeSut();
    const { eventId } = await sut.calendar.createEvent(sut.asUser, lesson());
    fake.script('POST', /\/cancel$/, { ...graphError(429, 'TooManyRequests'), headers: { 'Retry-After': '4' } });
    assert.equal(await sut.calendar.cancelEvent(sut.asUser, eventId, 'x'), 'cancelled');
    assert.deepEqual(sut.sleep.firstCall.args, [4000]);
    assert.equal(fake.cancellations.filter((c) => c.eventId === eventId).length, 1);
  });

  it('403 is a Calendars.ReadWrite grant the school lacks; 503 throughout is Graph unavailable; neither changes the event', async () => {
    const sut = makeSut();
    const { eventId } = await sut.calendar.createEvent(sut.asUser, lesson());
    fake.script('PATCH', /\/me\/events\//, graphError(403, 'ErrorAccessDenied'));
    await assert.rejects(
      sut.calendar.moveEvent(sut.asUser, eventId, { start: 0, end: 1 }),
      (e: unknown) =>
        e instanceof DelegatedAccessError && e.kind === 'notGranted' && e.permission === 'Calendars.ReadWrite',
    );
    const unavailable = { ...graphError(503, 'ServiceUnavailable'), headers: { 'Retry-After': '0' } };
    fake.script('POST', /\/cancel$/, unavailable, unavailable, unavailable, unavailable);
    await assert.rejects(sut.calendar.cancelEvent(sut.asUser, eventId, 'x'), GraphUnavailableError);
    assert.equal(fake.events.has(eventId), true);
    assert.deepEqual(fake.events.get(eventId)?.event.start, UTC_START);
  });
});
