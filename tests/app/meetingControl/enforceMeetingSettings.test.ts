import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { parsePolicy } from '../../../bot/src/domain/policy/schema.js';
import { enforceMeetingSettings } from '../../../bot/src/app/meetingControl/enforceMeetingSettings.js';
import {
  GraphPermissionError,
  GraphUnavailableError,
  type MeetingControl,
  type MeetingSettings,
} from '../../../bot/src/app/meetingControl/ports.js';

const policy = parsePolicy({});
const requirement = {
  permission: 'OnlineMeetings.ReadWrite.All',
  adminSteps: ['run New-CsApplicationAccessPolicy', 'then Grant-CsApplicationAccessPolicy'],
};

function meeting(overrides: Partial<MeetingSettings> = {}): MeetingSettings {
  return {
    id: 'm1',
    organizerId: 'teacher-1',
    joinUrl: 'https://teams.example/l/meetup-join/1',
    lobbyScope: 'everyone',
    dialInBypass: true,
    allowedPresenters: 'everyone',
    attendeeMicAllowed: true,
    attendeeCameraAllowed: true,
    recordAutomatically: false,
    attendees: [],
    ...overrides,
  };
}

function makeSut(found: MeetingSettings | undefined | Error) {
  const meetingControl = {
    findMeeting: found instanceof Error ? sinon.stub().rejects(found) : sinon.stub().resolves(found),
    updateSettings: sinon.stub().callsFake(async (m: MeetingSettings) => m),
    attendanceRecords: sinon.stub().resolves([]),
  } satisfies MeetingControl;
  const run = (apply?: boolean) =>
    enforceMeetingSettings(
      { meetingControl },
      {
        policy,
        organizerId: 'teacher-1',
        joinUrl: 'https://teams.example/l/meetup-join/1',
        ...(apply === undefined ? {} : { apply }),
      },
    );
  return { meetingControl, run };
}

describe('enforceMeetingSettings', () => {
  it('seed 004 lines 31, 34, 53: patches a non-compliant meeting once and tells the organizer what changed', async () => {
    const { meetingControl, run } = makeSut(meeting());
    const result = await run();
    assert.equal(meetingControl.updateSettings.callCount, 1);
    assert.deepEqual(meetingControl.updateSettings.firstCall.args[1], {
      lobby: { scope: 'organizer', dialInBypass: false },
      allowedPresenters: 'organizer',
      attendeeMicAllowed: false,
    });
    assert.equal(result.applied, true);
    assert.equal(result.changes.length, 4);
    assert.deepEqual(
      result.findings.map((f) => [f.key, f.audience]),
      [['meeting-options:changed', ['organizer']]],
    );
    assert.match(result.findings[0]!.message, /Everyone -> Only organizers and co-organizers/);
  });

  it('patches nothing when the meeting already complies', async () => {
    const { meetingControl, run } = makeSut(
      meeting({
        lobbyScope: 'organizer',
        dialInBypass: false,
        allowedPresenters: 'organizer',
        attendeeMicAllowed: false,
      }),
    );
    const result = await run();
    assert.equal(meetingControl.updateSettings.callCount, 0);
    assert.deepEqual(result, { meeting: result.meeting, changes: [], applied: false, findings: [] });
  });

  it('a dry run (check command, details tab) lists the changes without making them', async () => {
    const { meetingControl, run } = makeSut(meeting());
    const result = await run(false);
    assert.equal(meetingControl.updateSettings.callCount, 0);
    assert.equal(result.applied, false);
    assert.equal(result.changes.length, 4);
  });

  it('a 403 on reading becomes one admin finding naming the permission, and manual steps for staff', async () => {
    const { run } = makeSut(new GraphPermissionError(requirement, 403, 'Forbidden'));
    const { findings, applied } = await run();
    assert.equal(applied, false);
    const admin = findings.filter((f) => f.key.startsWith('meeting-options:admin'));
    assert.equal(admin.length, 1);
    assert.deepEqual(admin[0]!.audience, ['organizer']);
    assert.match(
      admin[0]!.action,
      /OnlineMeetings\.ReadWrite\.All.*New-CsApplicationAccessPolicy.*Grant-CsApplicationAccessPolicy/,
    );
    const manual = findings.find((f) => f.key === 'meeting-options:manual');
    assert.deepEqual(manual?.audience, ['organizer', 'staffPresent']);
    assert.match(manual!.action, /Meeting options.*Who can bypass the lobby: Only organizers and co-organizers/);
  });

  it('a 403 on changing lists the planned changes as the manual steps', async () => {
    const { meetingControl, run } = makeSut(
      meeting({ lobbyScope: 'organizer', dialInBypass: false, allowedPresenters: 'organizer' }),
    );
    meetingControl.updateSettings.rejects(new GraphPermissionError(requirement, 403));
    const { findings, changes } = await run();
    assert.equal(changes.length, 1);
    const manual = findings.find((f) => f.key === 'meeting-options:manual');
    assert.match(manual!.action, /set: Allow mic for attendees: Off/);
    assert.doesNotMatch(manual!.action, /bypass the lobby/);
  });

  it('a Graph outage degrades to advice and never throws', async () => {
    const { run } = makeSut(new GraphUnavailableError('down', 503));
    const { findings, notChecked } = await run();
    assert.deepEqual(
      findings.map((f) => f.key),
      ['meeting-options:manual'],
    );
    assert.match(findings[0]!.message, /could not reach Microsoft Teams/);
    assert.deepEqual(notChecked, { reason: 'unavailable' });
  });

  it('a meeting Graph does not know gets manual steps', async () => {
    const { run } = makeSut(undefined);
    const { findings, notChecked } = await run();
    assert.deepEqual(
      findings.map((f) => f.key),
      ['meeting-options:manual'],
    );
    assert.deepEqual(notChecked, { reason: 'notFound' });
  });

  it('issue 16: says why the options were not checked (refused for the permission, or for the access policy) and what change was left undone', async () => {
    assert.deepEqual((await makeSut(new GraphPermissionError(requirement, 403)).run()).notChecked, {
      reason: 'permission',
      requirement,
    });
    const noPolicy = await makeSut(new GraphPermissionError(requirement, 403, 'General', 'accessPolicy')).run();
    assert.deepEqual(noPolicy.notChecked, { reason: 'accessPolicy', requirement });
    const admin = noPolicy.findings.find((f) => f.key === 'meeting-options:admin:accessPolicy');
    assert.match(admin!.message, /no Teams application access policy lets the app act for this lesson's organizer/);
    assert.match(
      admin!.action,
      /^Ask your IT admin to \(1\) run New-CsApplicationAccessPolicy \(2\) then Grant-CsApplicationAccessPolicy/,
    );
    assert.doesNotMatch(admin!.action, /grant the app the Microsoft Graph application permission/);
    const { meetingControl, run } = makeSut(
      meeting({ lobbyScope: 'organizer', dialInBypass: false, allowedPresenters: 'organizer' }),
    );
    meetingControl.updateSettings.rejects(new GraphUnavailableError('down', 503));
    const undone = (await run()).notChecked;
    assert.deepEqual([undone?.reason, undone?.planned?.map((c) => c.setting)], ['unavailable', ['attendeeMicAllowed']]);
    assert.equal(
      (
        await makeSut(
          meeting({
            lobbyScope: 'organizer',
            dialInBypass: false,
            allowedPresenters: 'organizer',
            attendeeMicAllowed: false,
          }),
        ).run()
      ).notChecked,
      undefined,
    );
  });
});
