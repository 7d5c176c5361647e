import { strict as assert } from 'node:assert';
import { DelegatedAccessError } from '../../../bot/src/app/booking/ports.js';
import { evaluate } from '../../../bot/src/domain/evaluate.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import { postedMessages } from '../../support/connectorReads.js';
import { graphError } from '../../support/fakeGraphBooking.js';
import { lessonKey, PEOPLE } from '../../support/tabServer.js';
import { form, HOUR, NOW, SLT, START, useBookingApi } from './bookingApi.js';

const { teacherA, teacherB } = PEOPLE;

describe('http/tabApi/bookings: POST /api/bookings books as the teacher (real service, fake Graph)', function () {
  this.timeout(60_000);
  const api = useBookingApi();

  it('books as the teacher with the policy options, stores the lesson, tells the senior leaders, and a double click books once', async () => {
    const body = { ...form(), clientRequestId: 'book-once-0001' };
    const [first, second] = await Promise.all([api.post('/api/bookings', body), api.post('/api/bookings', body)]);
    const statuses = [first.status, second.status].sort();
    assert.ok(
      JSON.stringify(statuses) === '[201,409]' || JSON.stringify(statuses) === '[200,201]',
      `statuses ${statuses.join(',')}`,
    );
    const again = await api.post('/api/bookings', body);
    assert.equal(again.status, 200);
    assert.equal(api.graph.requests.filter((r) => r.method === 'POST').length, 1, 'one event');
    const booked = (first.status === 201 ? first : second).body.booking;
    assert.deepEqual(again.body.booking, booked);
    const [event] = [...api.graph.events.values()].filter((e) => e.event.transactionId && e.organizer === teacherA.id);
    const meeting = api.graph.meetings.get(event!.meetingId)!.meeting;
    assert.deepEqual(
      [
        meeting.lobbyBypassSettings,
        meeting.allowedPresenters,
        meeting.allowAttendeeToEnableMic,
        meeting.recordAutomatically,
      ],
      [{ scope: 'organizer', isDialInBypassEnabled: false }, 'organizer', false, true],
    );
    const stored = await api.tab.meetings.load(lessonKey(booked.meetingId));
    assert.deepEqual(
      [stored?.state.scheduledStart, stored?.state.createdAt, stored?.state.organizerId],
      [START, NOW, teacherA.id],
    );
    const cards = postedMessages(api.teams);
    assert.deepEqual(
      cards.map((c) => c.text),
      ['Lesson booked: Year 5 maths'],
      'one card, however many clicks',
    );
    const chatsWith = api.teams.requests
      .filter((r) => r.method === 'POST' && r.decodedPath === '/v3/conversations')
      .map((r) => (r.body as { members: Array<{ id: string }> }).members.map((m) => m.id));
    assert.deepEqual(chatsWith, [[SLT]], 'the 1:1 chat is with the senior leader');
    assert.doesNotMatch(JSON.stringify(cards), /pupil\.one|pupil\.two/);
  });

  it('the booked lesson starts and runs with no scheduling finding (a lesson made an hour before gets one)', async () => {
    const { body } = await api.post('/api/bookings', { ...form(), clientRequestId: 'scenario-0001' });
    const key = lessonKey(body.booking.meetingId);
    const control = lessonKey('unbooked-control');
    await api.tab.applyEvent(control, {
      kind: 'meetingDetailsLearned',
      id: 'details',
      at: START - HOUR,
      meetingType: 'Scheduled',
      createdAt: START - HOUR,
      scheduledStart: START,
    });
    for (const k of [key, control]) {
      await api.tab.applyEvent(k, {
        kind: 'meetingStarted',
        id: 'start',
        at: START,
        meetingType: 'Scheduled',
        title: 'Year 5 maths',
      });
      for (const [i, person] of [teacherA, teacherB, PEOPLE.pupil1, PEOPLE.pupil2].entries())
        await api.tab.applyEvent(k, {
          kind: 'participantJoined',
          id: `join-${i}`,
          at: START + 60_000,
          participant: person,
        });
    }
    const findings = async (k: typeof key) => {
      const record = await api.tab.meetings.load(k);
      return Object.keys(evaluate(policyFromPreset('strict'), record!.state, START + 2 * 60_000, {}).book);
    };
    const booked = await findings(key);
    assert.deepEqual(
      booked.filter((f) => /scheduled-ahead|staff-pair|no-one-to-one|meeting-options/.test(f)),
      [],
    );
    assert.ok((await findings(control)).includes('scheduled-ahead:short-notice'));
  });

  it('consent needed: 401 consentRequired, nothing created; the same request after consent books', async () => {
    api.forUser.onFirstCall().rejects(new DelegatedAccessError('consentRequired'));
    const body = { ...form(), clientRequestId: 'consent-0001' };
    const refused = await api.post('/api/bookings', body);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error.code, 'consentRequired');
    assert.equal(api.graph.requests.length, 0);
    assert.equal((await api.post('/api/bookings', body)).status, 201);
  });

  it('options refused (403): the event is deleted, and the answer has a sentence for the teacher and one for IT', async () => {
    api.graph.script('PATCH', /onlineMeetings/, graphError(403, 'Forbidden'));
    const before = api.graph.events.size;
    const { status, body } = await api.post('/api/bookings', { ...form(), clientRequestId: 'refused-0001' });
    assert.equal(status, 403);
    assert.equal(body.error.code, 'notGranted');
    assert.match(body.error.message, /ask your IT team.*nothing was booked/);
    assert.match(body.error.forIt ?? '', /OnlineMeetings\.ReadWrite/);
    assert.equal(body.rolledBack, true);
    assert.equal(api.graph.events.size, before);
    assert.ok(api.graph.requests.some((r) => r.method === 'DELETE'));
  });

  it('429 with Retry-After on the event: sent again when told (the wait itself: graphLessonCalendar.test.ts) and books once', async () => {
    api.graph.script('POST', /\/me\/events$/, {
      ...graphError(429, 'TooManyRequests'),
      headers: { 'Retry-After': '0' },
    });
    const before = api.graph.events.size;
    const { status } = await api.post('/api/bookings', { ...form(), clientRequestId: 'throttled-0001' });
    assert.equal(status, 201);
    assert.equal(
      api.graph.requests.filter((r) => r.method === 'POST').length,
      2,
      'the throttled create, then one more',
    );
    assert.equal(api.graph.events.size, before + 1);
  });

  it('logs no token, title or name', async () => {
    await api.post('/api/bookings', { ...form(), clientRequestId: 'logs-0001' });
    const logged = JSON.stringify(api.tab.logLines);
    assert.doesNotMatch(logged, /Year 5 maths|Ms Adams|Mr Brown|eyJ|delegated:/);
  });
});
