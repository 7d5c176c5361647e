import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DelegatedAccessError, type NewLessonEvent } from '../../../bot/src/app/booking/ports.js';
import { BOOKING_SCOPES, GraphLessonCalendar } from '../../../bot/src/graph/delegated/graphLessonCalendar.js';
import { graphError, startFakeGraphBooking, type FakeGraphBooking } from '../../support/fakeGraphBooking.js';

const START = Date.UTC(2024, 2, 6, 10, 0);
const lesson: NewLessonEvent = {
  subject: 'Year 5 maths',
  start: START,
  end: START + 20 * 60_000,
  invitees: [
    { email: 'osei@school.example', aadObjectId: 'osei', role: 'staff' },
    { email: 'amira@pupils.example', role: 'pupil' },
  ],
  transactionId: 'tx-1',
};

describe('graph/delegated/GraphLessonCalendar', () => {
  let fake: FakeGraphBooking;
  let stop: () => Promise<void>;
  before(async () => ({ fake, stop } = await startFakeGraphBooking()));
  after(() => stop());

  function makeSut() {
    // The sign-in token names the teacher; the exchange gives a token the fake knows them by.
    const forUser = sinon.fake(async (sso: string) => `delegated:${sso.replace('sso-', '')}`);
    const sleep = sinon.fake.resolves(undefined);
    const calendar = new GraphLessonCalendar({ baseUrl: fake.graphBaseUrl, tokens: { forUser }, sleep });
    return { calendar, forUser, sleep, asUser: { ssoToken: 'sso-khan' } };
  }

  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('creates the event with a Teams meeting in the teacher own calendar, times in UTC, everyone required', async () => {
    const sut = makeSut();
    const created = await sut.calendar.createEvent(sut.asUser, lesson);
    const [post] = fake.requests;
    assert.equal(post?.user, 'khan');
    assert.deepEqual(post?.body, {
      subject: 'Year 5 maths',
      start: { dateTime: '2024-03-06T10:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2024-03-06T10:20:00.000', timeZone: 'UTC' },
      attendees: [
        { emailAddress: { address: 'osei@school.example' }, type: 'required' },
        { emailAddress: { address: 'amira@pupils.example' }, type: 'required' },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      allowNewTimeProposals: false,
      transactionId: 'tx-1',
    });
    assert.equal(fake.events.get(created.eventId)?.organizer, 'khan');
    assert.match(created.joinUrl, /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    assert.deepEqual(sut.forUser.firstCall.args, ['sso-khan', BOOKING_SCOPES]);
  });

  it('finds the meeting by its join link (the filter encoded once more) and gives its chat thread', async () => {
    const sut = makeSut();
    const created = await sut.calendar.createEvent(sut.asUser, { ...lesson, transactionId: 'tx-2' });
    const meeting = await sut.calendar.findMeeting(sut.asUser, created.joinUrl);
    assert.match(meeting!.threadId, /^19:meeting_booked\d+@thread\.v2$/);
    assert.equal(fake.requests[1]?.query.$filter, `JoinWebUrl eq '${created.joinUrl}'`);
    assert.equal(await sut.calendar.findMeeting(sut.asUser, 'https://teams.microsoft.com/l/none'), undefined);
  });

  it('PATCHes the options the policy asks for, with staff presenting when only named people may', async () => {
    const sut = makeSut();
    const created = await sut.calendar.createEvent(sut.asUser, { ...lesson, transactionId: 'tx-3' });
    const meeting = await sut.calendar.findMeeting(sut.asUser, created.joinUrl);
    await sut.calendar.setMeetingOptions(sut.asUser, meeting!.onlineMeetingId, {
      lobby: { scope: 'organizer', dialInBypass: false },
      allowedPresenters: 'roleIsPresenter',
      presenters: lesson.invitees,
      attendeeMicAllowed: false,
      recordAutomatically: true,
    });
    const patch = fake.requests.at(-1)!;
    assert.equal(patch.method, 'PATCH');
    assert.deepEqual(patch.body, {
      lobbyBypassSettings: { scope: 'organizer', isDialInBypassEnabled: false },
      allowedPresenters: 'roleIsPresenter',
      participants: {
        attendees: [
          { upn: 'osei@school.example', role: 'presenter', identity: { user: { id: 'osei' } } },
          { upn: 'amira@pupils.example', role: 'attendee' },
        ],
      },
      allowAttendeeToEnableMic: false,
      recordAutomatically: true,
    });
    assert.equal(fake.meetings.get(meeting!.onlineMeetingId)?.meeting.allowedPresenters, 'roleIsPresenter');
  });

  it('exchanges the sign-in token once for all the steps of one booking', async () => {
    const sut = makeSut();
    const created = await sut.calendar.createEvent(sut.asUser, { ...lesson, transactionId: 'tx-4' });
    await sut.calendar.findMeeting(sut.asUser, created.joinUrl);
    await sut.calendar.deleteEvent(sut.asUser, created.eventId);
    assert.equal(sut.forUser.callCount, 1);
  });

  it('429 with Retry-After: waits as asked and sends again; the same transaction id makes one event', async () => {
    const sut = makeSut();
    fake.script('POST', /\/me\/events$/, { ...graphError(429, 'TooManyRequests'), headers: { 'Retry-After': '7' } });
    const before = fake.events.size;
    await sut.calendar.createEvent(sut.asUser, { ...lesson, transactionId: 'tx-5' });
    await sut.calendar.createEvent(sut.asUser, { ...lesson, transactionId: 'tx-5' });
    assert.deepEqual(sut.sleep.firstCall.args, [7000]);
    assert.equal(fake.events.size, before + 1);
  });

  it('403 on the options: a permission the school has not granted, named', async () => {
    const sut = makeSut();
    fake.script('PATCH', /\/me\/onlineMeetings\//, graphError(403, 'Forbidden'));
    await assert.rejects(
      sut.calendar.setMeetingOptions(sut.asUser, 'any', { allowedPresenters: 'organizer' }),
      (e: unknown) =>
        e instanceof DelegatedAccessError && e.kind === 'notGranted' && e.permission === 'OnlineMeetings.ReadWrite',
    );
  });

  it('401 from Graph: the teacher signs in again', async () => {
    const sut = makeSut();
    fake.script('POST', /\/me\/events$/, graphError(401, 'InvalidAuthenticationToken'));
    await assert.rejects(
      sut.calendar.createEvent(sut.asUser, lesson),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'signInAgain',
    );
  });

  it('consent needed at the exchange: nothing is sent to Graph', async () => {
    const forUser = sinon.fake.rejects(new DelegatedAccessError('consentRequired'));
    const calendar = new GraphLessonCalendar({ baseUrl: fake.graphBaseUrl, tokens: { forUser } });
    await assert.rejects(calendar.createEvent({ ssoToken: 'sso-khan' }, lesson), DelegatedAccessError);
    assert.equal(fake.requests.length, 0);
  });

  it('deletes the event and its meeting; an event already gone counts as deleted', async () => {
    const sut = makeSut();
    const created = await sut.calendar.createEvent(sut.asUser, { ...lesson, transactionId: 'tx-6' });
    await sut.calendar.deleteEvent(sut.asUser, created.eventId);
    assert.equal(fake.events.has(created.eventId), false);
    await sut.calendar.deleteEvent(sut.asUser, created.eventId);
    assert.equal(fake.requests.at(-1)?.method, 'DELETE');
  });

  it('a 503 on delete is retried; a 500 on create is not (the event may exist)', async () => {
    const sut = makeSut();
    const created = await sut.calendar.createEvent(sut.asUser, { ...lesson, transactionId: 'tx-7' });
    fake.script('DELETE', /\/me\/events\//, {
      ...graphError(503, 'ServiceUnavailable'),
      headers: { 'Retry-After': '1' },
    });
    await sut.calendar.deleteEvent(sut.asUser, created.eventId);
    assert.equal(fake.events.has(created.eventId), false);
    fake.script('POST', /\/me\/events$/, graphError(500, 'InternalServerError'));
    fake.requests.length = 0;
    await assert.rejects(sut.calendar.createEvent(sut.asUser, lesson));
    assert.equal(fake.requests.length, 1);
  });
});
