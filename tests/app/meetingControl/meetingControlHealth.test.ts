import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { MeetingControlHealth } from '../../../bot/src/app/meetingControl/meetingControlHealth.js';
import {
  GraphPermissionError,
  GraphRequestError,
  GraphUnavailableError,
  type MeetingControl,
  type MeetingSettings,
} from '../../../bot/src/app/meetingControl/ports.js';

const settingsNeed = { permission: 'OnlineMeetings.ReadWrite.All', adminSteps: [] };
const noPolicy = () => new GraphPermissionError(settingsNeed, 403, 'General', 'accessPolicy');
const found = { id: 'g1', organizerId: 'teacher-a' } as MeetingSettings;

function makeSut(enabled = true) {
  const control = {
    findMeeting: sinon.stub().resolves(found),
    updateSettings: sinon.stub().resolves(found),
    attendanceRecords: sinon.stub().resolves([]),
  } satisfies MeetingControl;
  const health = new MeetingControlHealth(enabled);
  return { control, health, watched: health.watch(control) };
}

describe('app/meetingControl/meetingControlHealth', () => {
  it("off by the school's choice says so and is not degraded", () => {
    assert.deepEqual(new MeetingControlHealth(false).health(), {
      meetingSettings: 'off (GRAPH_ENFORCE_SETTINGS=false): lesson meeting options are not checked',
      degraded: false,
    });
  });

  it('on and not yet used is ok; an answer from Graph is ok', async () => {
    const { health, watched } = makeSut();
    assert.deepEqual(health.health(), { meetingSettings: 'ok (no lesson checked yet)', degraded: false });
    assert.equal(await watched.findMeeting('teacher-a', 'https://teams.example/join/1'), found);
    assert.deepEqual(health.health(), { meetingSettings: 'ok', degraded: false });
  });

  it('a refusal for want of the application permission names it and is degraded until Graph answers again; the error still reaches the caller', async () => {
    const { control, health, watched } = makeSut();
    const refused = new GraphPermissionError(settingsNeed, 403, 'Forbidden');
    control.updateSettings.rejects(refused);
    await assert.rejects(watched.updateSettings(found, { attendeeMicAllowed: false }), (e) => e === refused);
    assert.deepEqual(health.health(), {
      meetingSettings: 'Graph refused (403): application permission OnlineMeetings.ReadWrite.All missing',
      degraded: true,
    });
    await watched.findMeeting('teacher-a', 'https://teams.example/join/1');
    assert.deepEqual(health.health(), { meetingSettings: 'ok', degraded: false });
  });

  it("a missing access policy is counted per organizer: another organizer's lesson working does not hide it, theirs working clears it", async () => {
    const { control, health, watched } = makeSut();
    control.findMeeting.withArgs('teacher-b').rejects(noPolicy());
    await assert.rejects(watched.findMeeting('teacher-b', 'https://teams.example/join/2'));
    await watched.findMeeting('teacher-a', 'https://teams.example/join/1');
    assert.deepEqual(health.health(), {
      meetingSettings: 'Graph refused: no application access policy for 1 organizer (Grant-CsApplicationAccessPolicy)',
      degraded: true,
    });
    assert.doesNotMatch(health.health().meetingSettings, /teacher-b/, 'no user ids in /healthz');
    control.findMeeting.withArgs('teacher-b').resolves(undefined);
    await watched.findMeeting('teacher-b', 'https://teams.example/join/2');
    assert.deepEqual(health.health(), { meetingSettings: 'ok', degraded: false });
  });

  it('a failed sign-in and an unreachable Graph are degraded with what to check; a rejected request and attendance reads change nothing', async () => {
    const { control, health, watched } = makeSut();
    control.findMeeting
      .onFirstCall()
      .rejects(
        new GraphPermissionError({ permission: 'a working sign-in', adminSteps: [] }, 401, 'invalid_client', 'signIn'),
      );
    await assert.rejects(watched.findMeeting('teacher-a', 'u'));
    assert.match(health.health().meetingSettings, /^Graph sign-in refused \(401\): check the managed identity/);
    control.findMeeting
      .onSecondCall()
      .rejects(new GraphUnavailableError('Microsoft Graph kept failing (503) after 4 attempts.', 503));
    await assert.rejects(watched.findMeeting('teacher-a', 'u'));
    assert.deepEqual(health.health(), {
      meetingSettings: 'Graph unavailable: Microsoft Graph kept failing (503) after 4 attempts.',
      degraded: true,
    });
    control.findMeeting.onThirdCall().rejects(new GraphRequestError(400, 'BadRequest'));
    await assert.rejects(watched.findMeeting('teacher-a', 'u'));
    control.attendanceRecords.rejects(noPolicy());
    await assert.rejects(watched.attendanceRecords(found));
    assert.equal(
      health.health().meetingSettings,
      'Graph unavailable: Microsoft Graph kept failing (503) after 4 attempts.',
    );
  });
});
