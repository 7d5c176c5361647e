import { strict as assert } from 'node:assert';
import { personalConversationId } from '../../../bot/src/dev/connector/fakeConnector.js';
import { postedMessages } from '../../support/connectorReads.js';
import { graphError } from '../../support/fakeGraphBooking.js';
import { lessonKey, PEOPLE } from '../../support/tabServer.js';
import { form, HOUR, NOW, SLT, START, useBookingApi, type BookingApi, type Person } from './bookingApi.js';

const { teacherA, teacherB } = PEOPLE;
const senior = { id: SLT, name: 'Mrs Senior' };
const DAY = 24 * HOUR;
const THURSDAY = new Date(START + DAY).toISOString();

async function book(api: BookingApi, id: string, person: Person = teacherA, over: Record<string, unknown> = {}) {
  const { status, body } = await api.post('/api/bookings', { ...form(over), clientRequestId: id }, person);
  assert.equal(status, 201, JSON.stringify(body));
  api.teams.clear();
  return body.booking;
}
const patches = (api: BookingApi) =>
  api.graph.requests.filter((r) => r.method === 'PATCH' && /\/me\/events\//.test(r.path));

describe('http/tabApi/bookingChanges: the teacher moves a booked lesson (real service, fake Graph)', function () {
  this.timeout(60_000);
  const api = useBookingApi();

  it('new times the policy refuses come back by field (422); nothing is moved', async () => {
    await book(api, 'move-0001');
    const soon = await api.post('/api/bookings/move-0001/move', {
      start: new Date(NOW + HOUR).toISOString(),
      durationMinutes: 20,
      clientRequestId: 'move-req-0001',
    });
    const long = await api.post('/api/bookings/move-0001/move', {
      start: THURSDAY,
      durationMinutes: 45,
      clientRequestId: 'move-req-0002',
    });
    assert.deepEqual(
      [soon, long].map((r) => [r.status, r.body.error.code, r.body.problems.map((p) => p.field)]),
      [
        [422, 'policyProblems', ['start']],
        [422, 'policyProblems', ['durationMinutes']],
      ],
    );
    assert.match(soon.body.problems[0]!.message, /at least 48 hours ahead/);
    assert.equal(patches(api).length, 0);
    const bad = await api.post('/api/bookings/move-0001/move', { start: 'tomorrow', durationMinutes: 20 });
    assert.equal(bad.status, 400);
  });

  it('moves the event in Graph and the lesson, tells the senior leader and the other staff; the same request again is once', async () => {
    const booked = await book(api, 'move-0002');
    const body = { start: THURSDAY, durationMinutes: 20, clientRequestId: 'move-req-0003' };
    const [first, second] = await Promise.all([
      api.post('/api/bookings/move-0002/move', body),
      api.post('/api/bookings/move-0002/move', body),
    ]);
    assert.deepEqual([first.status, second.status], [200, 200], JSON.stringify([first.body, second.body]));
    const moved = first.body;
    assert.deepEqual(
      [moved.outcome, moved.booking.state, moved.booking.start, moved.booking.movedAt],
      ['moved', 'moved', START + DAY, NOW],
    );
    assert.deepEqual(patches(api).at(-1)?.body, {
      start: { dateTime: '2024-03-07T10:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2024-03-07T10:20:00.000', timeZone: 'UTC' },
    });
    const state = (await api.tab.meetings.load(lessonKey(booked.meetingId)))?.state;
    assert.deepEqual(
      [state?.scheduledStart, state?.scheduledEnd, state?.createdAt],
      [START + DAY, START + DAY + 20 * 60_000, NOW],
      'moved, still booked in good time',
    );
    const cards = postedMessages(api.teams);
    assert.deepEqual(
      cards.map((c) => `${c.conversation} ${c.text}`).sort(),
      [SLT, teacherB.id].map((id) => `${personalConversationId(id)} Moved: Year 5 maths is now Thu 7 Mar 10:00`).sort(),
      'each told once, however many clicks',
    );
    const again = await api.post('/api/bookings/move-0002/move', body);
    assert.deepEqual([again.status, again.body.repeated], [200, true]);
    assert.ok(patches(api).length <= 2, 'a retry after the move is recorded does not go to Graph');
    const count = patches(api).length;
    await api.post('/api/bookings/move-0002/move', body);
    assert.equal(patches(api).length, count);
    const reused = await api.post('/api/bookings/move-0002/move', { ...body, durationMinutes: 15 });
    assert.deepEqual([reused.status, reused.body.error.code], [409, 'requestIdReused']);
    assert.equal(postedMessages(api.teams).length, 2);
    assert.doesNotMatch(JSON.stringify(api.tab.logLines), /Year 5 maths|Ms Adams|Mr Brown|eyJ|delegated:/);
  });

  it('a senior leader may move it to short notice with a reason; a cancelled lesson cannot be moved', async () => {
    await book(api, 'move-0003', senior, {
      otherStaff: [{ aadObjectId: teacherA.id, email: 'a@school.example', name: teacherA.name }],
    });
    const today = { start: new Date(Date.UTC(2024, 2, 4, 14, 0)).toISOString(), durationMinutes: 20 };
    const unexplained = await api.post(
      '/api/bookings/move-0003/move',
      { ...today, clientRequestId: 'move-req-0004' },
      senior,
    );
    assert.equal(unexplained.status, 422);
    assert.match(unexplained.body.problems[0]!.message, /As a senior leader you can still book it/);
    const body = { ...today, noticeOverride: { reason: 'Exam support' }, clientRequestId: 'move-req-0005' };
    assert.equal((await api.post('/api/bookings/move-0003/move', body, senior)).status, 200);
    const [card, ...more] = postedMessages(api.teams).filter((c) => c.text.startsWith('Moved:'));
    assert.equal(
      card?.conversation,
      personalConversationId(teacherA.id),
      'the other staff; not the leader who moved it',
    );
    assert.match(card?.body ?? '', /Moved at short notice, because: Exam support/);
    assert.equal(more.length, 0);
    assert.equal((await api.post('/api/bookings/move-0003/cancel', {}, senior)).status, 200);
    const after = await api.post('/api/bookings/move-0003/move', { ...body, clientRequestId: 'move-req-0006' }, senior);
    assert.deepEqual([after.status, after.body.error.code], [409, 'cancelled']);
  });

  it("Graph 429 is sent again when told; 404 (the event is gone) changes nothing; someone else's booking is 404", async () => {
    const booked = await book(api, 'move-0004');
    api.graph.script('PATCH', /\/me\/events\//, {
      ...graphError(429, 'TooManyRequests'),
      headers: { 'Retry-After': '0' },
    });
    const body = { start: THURSDAY, durationMinutes: 20, clientRequestId: 'move-req-0007' };
    assert.equal((await api.post('/api/bookings/move-0004/move', body)).status, 200);
    api.graph.script('PATCH', /\/me\/events\//, graphError(404, 'ErrorItemNotFound'));
    const gone = await api.post('/api/bookings/move-0004/move', {
      ...body,
      clientRequestId: 'move-req-0008',
      start: new Date(START + 2 * DAY).toISOString(),
    });
    assert.deepEqual([gone.status, gone.body.error.code], [409, 'eventNotFound']);
    assert.equal((await api.tab.meetings.load(lessonKey(booked.meetingId)))?.state.scheduledStart, START + DAY);
    const other = await api.post(
      '/api/bookings/move-0004/move',
      { ...body, clientRequestId: 'move-req-0009' },
      teacherB,
    );
    assert.deepEqual([other.status, other.body.error.code], [404, 'notFound']);
  });
});
