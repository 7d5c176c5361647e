import { strict as assert } from 'node:assert';
import { JOIN_URL, MEETING_ID, ORGANIZER, useMeetingControl } from './meetingControlSut.js';

describe('graph/graphMeetingControl', () => {
  const { fake, makeSut } = useMeetingControl();

  it('finds the meeting by join URL as its organizer and reads its settings', async () => {
    const meeting = await makeSut().meetingControl.findMeeting(ORGANIZER, JOIN_URL);
    const [request] = fake.graphRequests('GET', /onlineMeetings$/);
    assert.equal(request!.path, `/v1.0/users/${ORGANIZER}/onlineMeetings`);
    assert.equal(request!.query.$filter, `JoinWebUrl eq '${JOIN_URL}'`);
    assert.deepEqual(meeting, {
      id: MEETING_ID,
      organizerId: ORGANIZER,
      joinUrl: JOIN_URL,
      lobbyScope: 'everyone',
      dialInBypass: true,
      allowedPresenters: 'everyone',
      attendeeMicAllowed: true,
      attendeeCameraAllowed: true,
      meetingChat: 'enabled',
      recordAutomatically: false,
      createdAt: Date.parse('2025-01-18T09:00:00Z'),
      startAt: Date.parse('2025-01-20T10:00:00Z'),
      endAt: Date.parse('2025-01-20T10:20:00Z'),
      attendees: [{ aadObjectId: 'pupil-1', upn: 'pupil@school.example', role: 'attendee' }],
    });
  });

  it('seed 002 line 18, seed 004 lines 31, 34, 53: a non-compliant meeting is made compliant at start', async () => {
    const result = await makeSut().enforce();
    assert.equal(result.applied, true);
    const patches = fake.graphRequests('PATCH', /onlineMeetings\//);
    assert.equal(patches.length, 1);
    assert.equal(patches[0]!.path, `/v1.0/users/${ORGANIZER}/onlineMeetings/${MEETING_ID}`);
    assert.deepEqual(patches[0]!.body, {
      lobbyBypassSettings: { scope: 'organizer', isDialInBypassEnabled: false },
      allowedPresenters: 'organizer',
      allowAttendeeToEnableMic: false,
    });
    const stored = fake.meetings.get(MEETING_ID)!.meeting;
    assert.deepEqual(stored.lobbyBypassSettings, { scope: 'organizer', isDialInBypassEnabled: false });
    assert.equal(result.meeting?.attendeeMicAllowed, false);
  });

  it('patches nothing when the meeting already complies', async () => {
    const { enforce } = makeSut();
    await enforce();
    fake.requests.length = 0;
    const again = await enforce();
    assert.deepEqual([again.applied, again.changes, again.findings], [false, [], []]);
    assert.equal(fake.graphRequests('PATCH', /./).length, 0);
  });

  it('sends the full attendee list when presenters become "specific people"', async () => {
    await makeSut().enforce({ presenters: { allowedPresenters: 'everyone', screenSharingOff: true } });
    const [patch] = fake.graphRequests('PATCH', /onlineMeetings\//);
    const body = patch!.body as Record<string, unknown>;
    assert.equal(body.allowedPresenters, 'roleIsPresenter');
    assert.deepEqual(body.participants, {
      attendees: [{ identity: { user: { id: 'pupil-1' } }, upn: 'pupil@school.example', role: 'attendee' }],
    });
  });

  it('honours a 429 Retry-After from Graph and still enforces', async () => {
    fake.script('GET', /onlineMeetings$/, { status: 429, headers: { 'retry-after': '2' } });
    const { enforce, sleep } = makeSut();
    const result = await enforce();
    assert.deepEqual(sleep.args, [[2000]]);
    assert.equal(result.applied, true);
  });

  it('returns nothing for a join URL Graph does not know', async () => {
    assert.equal(
      await makeSut().meetingControl.findMeeting(ORGANIZER, 'https://teams.microsoft.com/l/meetup-join/other'),
      undefined,
    );
  });
});
