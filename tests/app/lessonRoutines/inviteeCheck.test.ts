import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createInviteeCheck } from '../../../bot/src/app/lessonRoutines/inviteeCheck.js';
import {
  GraphUnavailableError,
  type MeetingControl,
  type MeetingSettings,
} from '../../../bot/src/app/meetingControl/ports.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { at, guest, join, meeting, policy, pupil, staff } from '../../domain/builders.js';
import { fakeLogger } from './fakes.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const start: MeetingEvent = {
  kind: 'meetingStarted',
  id: 's',
  at: at(0),
  meetingType: 'Scheduled',
  title: 'Maths',
  joinUrl: 'https://teams.example/join/1',
  organizerId: 'aad-teacher',
};
const invitation = {
  id: 'g1',
  organizerId: 'aad-teacher',
  attendees: [{ aadObjectId: 'aad-amira' }, { aadObjectId: 'aad-assistant' }],
} as unknown as MeetingSettings;

function makeSut(options: { checkInvitees?: boolean; findMeeting?: MeetingControl['findMeeting'] } = {}) {
  const findMeeting = sinon.spy(options.findMeeting ?? (async () => invitation));
  const deliver = sinon.fake.resolves(undefined);
  let now = at(2);
  const check = createInviteeCheck({
    meetingControl: { findMeeting, updateSettings: sinon.fake(), attendanceRecords: sinon.fake() },
    deliver,
    policyFor: () => policy({ lobby: { checkInvitees: options.checkInvitees ?? true } }),
    clock: { now: () => now },
    logger: fakeLogger(),
  });
  return { check, deliver, findMeeting, setNow: (ms: number) => (now = ms) };
}

describe('app/lessonRoutines/inviteeCheck', () => {
  const state: MeetingState = meeting(start, join(staff('aad-teacher'), at(0)));

  it('seed 002 line 18: an uninvited pupil who joins is a finding for the staff present, sent once however often they rejoin', async () => {
    const sut = makeSut();
    const stranger = pupil('aad-stranger');
    await sut.check(KEY, state, stranger);
    await sut.check(KEY, state, stranger);
    assert.equal(sut.deliver.callCount, 1);
    const [key, started] = sut.deliver.firstCall.args;
    assert.deepEqual(key, KEY);
    assert.deepEqual(
      started.map((f: { key: string; audience: string[] }) => [f.key, f.audience]),
      [['lobby:uninvited:aad-stranger', ['staffPresent']]],
    );
    assert.equal(sut.deliver.firstCall.args.length, 2, 'a one-off finding: nothing to clear later');
    assert.equal(sut.findMeeting.callCount, 1, 'the invitation is read once and cached');
  });

  it('seed 002 line 18: invited pupils and guests pass; staff are never checked', async () => {
    const sut = makeSut();
    await sut.check(KEY, state, pupil('aad-amira'));
    await sut.check(KEY, state, staff('aad-not-invited-colleague'));
    assert.equal(sut.deliver.callCount, 0);
  });

  it("checks nothing when the policy does not ask, when the joiner has no Entra id, or when the lesson's link is unknown", async () => {
    const off = makeSut({ checkInvitees: false });
    await off.check(KEY, state, pupil('aad-stranger'));
    assert.equal(off.findMeeting.callCount, 0);
    const sut = makeSut();
    await sut.check(KEY, state, guest('29:anonymous', { teamsId: '29:anonymous' }));
    await sut.check(KEY, meeting(join(staff('aad-teacher'), at(0))), pupil('aad-stranger'));
    assert.equal(sut.findMeeting.callCount, 0);
  });

  it('issue 7 "a Graph outage degrades": when the invitation cannot be read nobody is alerted, and it is read again after a while', async () => {
    let calls = 0;
    const sut = makeSut({
      findMeeting: async () => {
        calls++;
        if (calls === 1) throw new GraphUnavailableError('down', 503);
        return invitation;
      },
    });
    await sut.check(KEY, state, pupil('aad-stranger'));
    assert.equal(sut.deliver.callCount, 0);
    sut.setNow(at(20));
    await sut.check(KEY, state, pupil('aad-stranger'));
    assert.equal(sut.deliver.callCount, 1);
  });
});
