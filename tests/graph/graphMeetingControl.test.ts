import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { parsePolicy } from '../../bot/src/domain/policy/schema.js';
import { GraphClient } from '../../bot/src/graph/graphClient.js';
import { GraphMeetingControl } from '../../bot/src/graph/graphMeetingControl.js';
import { clientCredentialsTokenProvider } from '../../bot/src/graph/tokenProvider.js';
import { enforceMeetingSettings } from '../../bot/src/app/meetingControl/enforceMeetingSettings.js';
import { mergeAttendance } from '../../bot/src/app/meetingControl/mergeAttendance.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';

const ORGANIZER = '5810cede-f3cc-42eb-b2c1-e9bd5d53ec96';
// A real join URL is already percent-encoded; the filter must encode it once more.
const JOIN_URL =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0@thread.v2/0?context=%7b%22Tid%22%3a%22t1%22%7d';
const MEETING_ID = 'MSo1ODEwY2VkZS1mM2NjLTQyZWI_19:meeting_NTg0@thread.v2';

/** An onlineMeeting as Graph documents it, with every safety setting left wide open. */
function openMeeting(): Record<string, unknown> {
  return {
    id: MEETING_ID,
    creationDateTime: '2025-01-18T09:00:00Z',
    startDateTime: '2025-01-20T10:00:00Z',
    endDateTime: '2025-01-20T10:20:00Z',
    joinWebUrl: JOIN_URL,
    subject: 'Year 5 maths',
    lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: true },
    allowedPresenters: 'everyone',
    allowAttendeeToEnableMic: true,
    allowAttendeeToEnableCamera: true,
    allowMeetingChat: 'enabled',
    recordAutomatically: false,
    chatInfo: { threadId: '19:meeting_NTg0@thread.v2', messageId: '0' },
    participants: {
      organizer: {
        upn: 'teacher@school.example',
        role: 'presenter',
        identity: { user: { id: ORGANIZER, displayName: null } },
      },
      attendees: [
        { upn: 'pupil@school.example', role: 'attendee', identity: { user: { id: 'pupil-1', displayName: null } } },
      ],
    },
  };
}

describe('graph/graphMeetingControl', () => {
  let fake: FakeGraph;
  useFakeGraph((started) => {
    fake = started;
    fake.meetings.clear();
    fake.meetings.set(MEETING_ID, { organizerId: ORGANIZER, meeting: openMeeting() });
  });

  function makeSut() {
    const sleep = sinon.stub().resolves();
    const tokens = clientCredentialsTokenProvider({
      tenantId: 't1',
      clientId: 'app-1',
      clientSecret: 'x',
      authorityHost: fake.authorityHost,
    });
    const meetingControl = new GraphMeetingControl(new GraphClient({ baseUrl: fake.graphBaseUrl, tokens, sleep }), {
      appId: 'app-1',
    });
    const enforce = (policyInput = {}) =>
      enforceMeetingSettings(
        { meetingControl },
        { policy: parsePolicy(policyInput), organizerId: ORGANIZER, joinUrl: JOIN_URL },
      );
    return { meetingControl, enforce, sleep };
  }

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

  it('a 403 from Graph becomes one admin finding naming the permission and the access policy commands', async () => {
    fake.script('PATCH', /onlineMeetings\//, {
      status: 403,
      body: { error: { code: 'Forbidden', message: 'App app-1 is not authorized' } },
    });
    const { findings } = await makeSut().enforce();
    const admin = findings.filter((f) => f.key.startsWith('meeting-options:admin'));
    assert.equal(admin.length, 1);
    assert.match(admin[0]!.action, /OnlineMeetings\.ReadWrite\.All/);
    assert.match(admin[0]!.action, /New-CsApplicationAccessPolicy -Identity Chaperone-Lessons -AppIds "app-1"/);
    assert.match(admin[0]!.action, /Grant-CsApplicationAccessPolicy -PolicyName Chaperone/);
    assert.match(admin[0]!.action, /up to 30 minutes/);
    assert.ok(findings.some((f) => f.key === 'meeting-options:manual'));
  });

  it('issue 16: without an access policy for the organizer Graph refuses every read, and the admin is asked for the policy, not the permission', async () => {
    fake.meetingAccess = { permission: true, accessPolicyFor: new Set(['another-teacher']) };
    const { findings, notChecked } = await makeSut().enforce();
    assert.deepEqual(notChecked && { reason: notChecked.reason }, { reason: 'accessPolicy' });
    const admin = findings.filter((f) => f.key.startsWith('meeting-options:admin'));
    assert.deepEqual(
      admin.map((f) => f.key),
      ['meeting-options:admin:accessPolicy'],
    );
    assert.match(admin[0]!.action, /Grant-CsApplicationAccessPolicy -PolicyName Chaperone/);
    assert.equal(fake.graphRequests('PATCH', /./).length, 0);
  });

  it("issue 16: without the application permission Graph's bare 403 names OnlineMeetings.ReadWrite.All", async () => {
    fake.meetingAccess = { permission: false, accessPolicyFor: 'everyone' };
    const { notChecked } = await makeSut().enforce();
    assert.equal(notChecked?.reason, 'permission');
    assert.equal(
      notChecked?.reason === 'permission' && notChecked.requirement.permission,
      'OnlineMeetings.ReadWrite.All',
    );
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

  it('seed 001 #11: reads the attendance report of the lesson and merges it into the register', async () => {
    const record = (id: string, name: string, join: string, leave: string | null) => ({
      emailAddress: `${name.toLowerCase()}@school.example`,
      role: 'Attendee',
      totalAttendanceInSeconds: 300,
      identity: { id, displayName: name, tenantId: null },
      attendanceIntervals: [{ joinDateTime: join, leaveDateTime: leave, durationInSeconds: 300 }],
    });
    fake.reports.set(MEETING_ID, [
      {
        id: 'r-old',
        totalParticipantCount: 1,
        meetingStartDateTime: '2025-01-13T10:00:00Z',
        meetingEndDateTime: '2025-01-13T10:20:00Z',
        attendanceRecords: [record('pupil-1', 'Ada', '2025-01-13T10:00:00Z', '2025-01-13T10:20:00Z')],
      },
      {
        id: 'r-1',
        totalParticipantCount: 2,
        meetingStartDateTime: '2025-01-20T10:00:00Z',
        meetingEndDateTime: '2025-01-20T10:20:00Z',
        attendanceRecords: [
          record('pupil-1', 'Ada', '2025-01-20T10:01:00Z', '2025-01-20T10:06:00Z'),
          record('pupil-2', 'Ben', '2025-01-20T10:02:00Z', null),
        ],
      },
    ]);
    const { meetingControl } = makeSut();
    const lesson = { from: Date.parse('2025-01-20T10:00:00Z'), to: Date.parse('2025-01-20T10:20:00Z') };
    const records = await meetingControl.attendanceRecords({ id: MEETING_ID, organizerId: ORGANIZER }, lesson);
    assert.deepEqual(
      fake.graphRequests('GET', /attendanceReports\//).map((r) => [r.path.split('/').pop(), r.query.$expand]),
      [['r-1', 'attendanceRecords']],
    );
    const register = mergeAttendance(
      [
        {
          personId: 'p1',
          aadObjectId: 'pupil-1',
          name: 'Ada',
          intervals: [{ joinAt: Date.parse('2025-01-20T10:01:00Z') }],
        },
      ],
      records,
      lesson.to,
    );
    assert.deepEqual(
      register.map((l) => [l.name, l.minutes, l.seenBy.join('+'), l.meetingRole]),
      [
        ['Ada', 5, 'bot+teams', 'Attendee'],
        ['Ben', 18, 'teams', 'Attendee'],
      ],
    );
  });
});
