import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardsTo } from '../../support/lessonCardsFake.js';
import {
  ATTENDANCE_REASON,
  attendanceFollowUp,
  createAttendanceRetry,
} from '../../../bot/src/app/lessonRoutines/attendanceRetry.js';
import type { MeetingControl, MeetingSettings } from '../../../bot/src/app/meetingControl/ports.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { at, ended, join, leave, meeting, policy, pupil, staff } from '../../domain/builders.js';
import { fakeApply, fakeLogger } from './fakes.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const amira = pupil('aad-amira', { name: 'Amira', teamsId: '29:amira' });

function lesson(): MeetingState {
  const startEvent: MeetingEvent = {
    kind: 'meetingStarted',
    id: 's',
    at: at(0),
    meetingType: 'Scheduled',
    title: 'Year 5 maths',
    joinUrl: 'https://teams.example/join/1',
    organizerId: 'aad-teacher',
  };
  return meeting(
    startEvent,
    join(staff('aad-teacher', { name: 'Ms Khan', teamsId: '29:teacher' }), at(0)),
    join(amira, at(1)),
    leave('aad-amira', at(10)),
    ended(at(20)),
  );
}

function makeSut(records: Array<Awaited<ReturnType<MeetingControl['attendanceRecords']>>>) {
  const state = lesson();
  const applied = fakeApply(state);
  const schedule = sinon.fake.resolves(undefined);
  const sendToStaff = sinon.fake.resolves(undefined);
  let now = at(20);
  const answers = [...records];
  const meetingControl = {
    findMeeting: sinon.fake.resolves({ id: 'graph-1', organizerId: 'aad-teacher' } as MeetingSettings),
    attendanceRecords: sinon.fake(async () => answers.shift() ?? []),
  } as unknown as MeetingControl;
  const retry = createAttendanceRetry({
    meetingControl,
    meetings: { load: async () => ({ state: applied.current(), alerts: {}, etag: 'e' }) },
    timers: { schedule },
    applyEvent: applied.apply,
    cards: cardsTo(sendToStaff),
    policyFor: () => policy(),
    clock: { now: () => now },
    logger: fakeLogger(),
  });
  const fire = async (ms: number) => {
    now = ms;
    await retry.onTimer({ id: 'a', key: KEY, dueAt: ms, reason: ATTENDANCE_REASON });
  };
  return { state, retry, applied, schedule, sendToStaff, fire };
}

describe('app/lessonRoutines/attendanceRetry', () => {
  it('issue 7 "Attendance report": tries follow from the lesson\'s end (+5, +15, +45 min), so scheduling twice is one timer, and stop after the last', async () => {
    const sut = makeSut([]);
    assert.equal(await sut.retry.scheduleNext(KEY, at(20)), true);
    assert.equal(await sut.retry.scheduleNext(KEY, at(20)), true);
    assert.deepEqual(
      sut.schedule.args.map((a) => a[1]),
      [at(25), at(25)],
    );
    await sut.fire(at(25));
    await sut.fire(at(35));
    await sut.fire(at(65));
    assert.deepEqual(
      sut.schedule.args.slice(2).map((a) => [a[1], a[2]]),
      [
        [at(35), ATTENDANCE_REASON],
        [at(65), ATTENDANCE_REASON],
      ],
    );
    assert.equal(sut.sendToStaff.callCount, 1, 'one note after the last try');
    assert.match(sut.sendToStaff.firstCall.args[2].lines.join('\n'), /not ready yet.*\n.*stopped looking/);
    assert.equal(sut.applied.events.length, 0);
  });

  it('a report that adds a rejoin Chaperone missed is merged as `attendanceMerged` (ids only) and the organizer told; a repeat is a duplicate and tells nobody', async () => {
    const report = [
      {
        aadObjectId: 'aad-amira',
        displayName: 'Amira',
        totalSeconds: 900,
        intervals: [
          { joinAt: at(1), leaveAt: at(10) },
          { joinAt: at(12), leaveAt: at(18) },
        ],
      },
    ];
    const sut = makeSut([report, report]);
    await sut.fire(at(25));
    await sut.fire(at(35));
    assert.deepEqual(
      sut.applied.events.map((e) => e.kind === 'attendanceMerged' && [e.id, e.source]),
      [
        [`attendance-report@${at(20)}`, 'teams'],
        [`attendance-report@${at(20)}`, 'teams'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(sut.applied.events), /Amira/);
    assert.equal(sut.sendToStaff.callCount, 1);
    assert.match(
      sut.sendToStaff.firstCall.args[2].lines.join('\n'),
      /Amira: 15 min present \(Chaperone counted 9 min\)/,
    );
    assert.equal(sut.schedule.callCount, 0);
  });

  it('a report that only confirms what Chaperone saw is merged without a card', () => {
    const state = lesson();
    const same = [
      {
        personId: 'aad-amira',
        name: 'Amira',
        intervals: [{ joinAt: at(1), leaveAt: at(10) }],
        minutes: 9,
        seenBy: ['bot' as const, 'teams' as const],
      },
    ];
    assert.equal(attendanceFollowUp(state, at(20), same), undefined);
  });

  it('a lesson reopened since its end is left for its next end', async () => {
    const sut = makeSut([]);
    await sut.applied.apply(KEY, {
      kind: 'meetingStarted',
      id: 's2',
      at: at(22),
      meetingType: 'Scheduled',
      title: 'Year 5 maths',
    });
    await sut.fire(at(25));
    assert.equal(sut.schedule.callCount + sut.sendToStaff.callCount, 0);
  });
});
