import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { checkMeetingOptions, GRAPH_OFF } from '../../../bot/src/app/meetingControl/checkMeetingOptions.js';
import type { MeetingControl, MeetingSettings } from '../../../bot/src/app/meetingControl/ports.js';
import type { Viewer } from '../../../bot/src/app/permissions.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { at, meeting, policy } from '../../domain/builders.js';

const teacher: Viewer = { tenantId: 'tenant-1', aadObjectId: 'aad-teacher', name: 'Ms Khan', standing: 'staff' };
const start = (title: string, id: string): MeetingEvent => ({
  kind: 'meetingStarted',
  id,
  at: at(0),
  meetingType: 'Scheduled',
  title,
  joinUrl: `https://teams.example/join/${id}`,
  organizerId: 'aad-teacher',
});
const lessons: MeetingState[] = [meeting(start('Year 5 maths', 'a')), meeting(start('Year 6 science', 'b'))];
const openMeeting = {
  id: 'g',
  organizerId: 'aad-teacher',
  joinUrl: 'https://teams.example/join/a',
  lobbyScope: 'everyone',
  dialInBypass: true,
  allowedPresenters: 'everyone',
  attendeeMicAllowed: true,
  attendeeCameraAllowed: true,
  recordAutomatically: false,
  attendees: [],
  createdAt: at(-72 * 60),
  startAt: at(0),
} as MeetingSettings;

function graph(settings: MeetingSettings = openMeeting): MeetingControl & { updateSettings: sinon.SinonSpy } {
  return {
    findMeeting: sinon.fake.resolves(settings),
    updateSettings: sinon.fake.rejects(new Error('a dry run must not write')),
    attendanceRecords: sinon.fake.resolves([]),
  };
}

const meetings = {
  listMeetings: async () => lessons,
  load: async (key: { meetingId: string }) =>
    key.meetingId === 'meeting-1' ? { state: lessons[0]!, alerts: {}, etag: 'e' } : undefined,
};

describe('app/meetingControl/checkMeetingOptions (the `check <meeting>` dry run)', () => {
  it('issue 7 "a check <meeting> command ... show what would change": lists every planned change for the lesson named, and changes nothing', async () => {
    const control = graph();
    const outcome = await checkMeetingOptions(
      { meetings, meetingControl: control },
      teacher,
      { words: 'maths' },
      policy(),
    );
    assert.ok(outcome.ok);
    assert.equal(outcome.value.title, 'Year 5 maths');
    assert.deepEqual(
      outcome.value.changes.map((c) => c.setting),
      ['lobbyScope', 'dialInBypass', 'allowedPresenters', 'attendeeMicAllowed'],
    );
    assert.equal(control.updateSettings.callCount, 0);
    assert.deepEqual((control.findMeeting as sinon.SinonSpy).firstCall.args, [
      'aad-teacher',
      'https://teams.example/join/a',
    ]);
  });

  it("says a compliant meeting needs nothing, and adds the short-notice finding from Graph's creation time (seed 001 #8)", async () => {
    const compliant = {
      ...openMeeting,
      lobbyScope: 'organizer',
      dialInBypass: false,
      allowedPresenters: 'organizer',
      attendeeMicAllowed: false,
      createdAt: at(-60),
    } as MeetingSettings;
    const outcome = await checkMeetingOptions(
      { meetings, meetingControl: graph(compliant) },
      teacher,
      { words: 'last' },
      policy(),
    );
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.value.changes, []);
    assert.deepEqual(
      outcome.value.findings.map((f) => f.key),
      ['scheduled-ahead:short-notice'],
    );
  });

  it('in a lesson\'s chat, "check" on its own checks that lesson', async () => {
    const outcome = await checkMeetingOptions(
      { meetings, meetingControl: graph() },
      teacher,
      { meetingId: 'meeting-1', words: '' },
      policy(),
    );
    assert.ok(outcome.ok && outcome.value.title === 'Year 5 maths');
    const unknown = await checkMeetingOptions(
      { meetings, meetingControl: graph() },
      teacher,
      { meetingId: 'never-seen', words: '' },
      policy(),
    );
    assert.ok(!unknown.ok && /not seen this lesson/.test(unknown.message));
  });

  it('GRAPH_ENFORCE_SETTINGS=false: a clear message and the steps to take by hand instead of a check', async () => {
    const outcome = await checkMeetingOptions({ meetings }, teacher, { words: 'last' }, policy());
    assert.ok(outcome.ok);
    assert.equal(outcome.value.graph, false);
    assert.match(outcome.value.findings[0]!.message, new RegExp(GRAPH_OFF.slice(0, 40)));
    assert.match(outcome.value.findings[0]!.action, /Meeting options/);
  });

  it('refuses pupils, and explains how to name a lesson', async () => {
    const pupil = await checkMeetingOptions(
      { meetings, meetingControl: graph() },
      { ...teacher, standing: 'none' },
      { words: 'last' },
      policy(),
    );
    assert.ok(!pupil.ok && /Only school staff/.test(pupil.message));
    const nothing = await checkMeetingOptions({ meetings, meetingControl: graph() }, teacher, { words: ' ' }, policy());
    assert.ok(!nothing.ok && /check last/.test(nothing.message));
    const missing = await checkMeetingOptions(
      { meetings, meetingControl: graph() },
      teacher,
      { words: 'history' },
      policy(),
    );
    assert.ok(!missing.ok && /can't find/.test(missing.message));
  });
});
