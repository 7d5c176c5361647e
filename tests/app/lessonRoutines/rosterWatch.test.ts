import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createRosterWatch, ROSTER_REASON } from '../../../bot/src/app/lessonRoutines/rosterWatch.js';
import type { MeetingKey, RosterSource, TimerStore } from '../../../bot/src/app/ports.js';
import { isPresent } from '../../../bot/src/domain/presence.js';
import type { MeetingState } from '../../../bot/src/domain/types.js';
import { at, join, meeting, pupil, reconcile, staff, started } from '../../domain/builders.js';
import { fakeApply, fakeLogger } from './fakes.js';

const KEY: MeetingKey = { tenantId: 't', meetingId: 'm' };
const INTERVAL = 3 * 60_000;
const address = { serviceUrl: 'https://connector.example/', conversationId: '19:meeting@thread.v2' };

function withAddress(state: MeetingState): MeetingState {
  return { ...state, address };
}

function makeSut(initial: MeetingState, answers?: Map<string, boolean>, failLoad = false) {
  let now = at(10);
  const applied = fakeApply(initial);
  const scheduled: Array<{ dueAt: number; reason: string }> = [];
  const timers: TimerStore = {
    schedule: async (_key, dueAt, reason) => void scheduled.push({ dueAt, reason }),
    claimDue: async () => [],
  };
  const roster: RosterSource = { inMeeting: sinon.fake(async () => answers) };
  const logger = fakeLogger();
  const watch = createRosterWatch({ meetings: { load: async () => { if (failLoad) throw new Error('storage down'); return { state: applied.current(), alerts: {}, etag: 'e' }; } }, timers, roster, applyEvent: applied.apply, clock: { now: () => now }, logger, intervalMs: INTERVAL });
  return { watch, scheduled, roster, applied, logger, setNow: (ms: number) => (now = ms) };
}

describe('app/lessonRoutines/rosterWatch', () => {
  const lessonWithPupil = withAddress(meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1))));

  it('issue 4 "periodically while pupils are present": schedules one roster check a few minutes ahead, once per pending check', async () => {
    const sut = makeSut(lessonWithPupil);
    await sut.watch.watch(KEY, lessonWithPupil);
    await sut.watch.watch(KEY, lessonWithPupil);
    assert.deepEqual(sut.scheduled, [{ dueAt: at(10) + INTERVAL, reason: ROSTER_REASON }]);
  });

  it('schedules nothing for a lesson with no pupil present', async () => {
    const staffOnly = withAddress(meeting(started(at(0)), join(staff('teacher'), at(0))));
    const sut = makeSut(staffOnly);
    await sut.watch.watch(KEY, staffOnly);
    assert.deepEqual(sut.scheduled, []);
  });

  it('DESIGN 6a: a due check applies what Teams says (a missed leave), settles it and keeps watching while pupils remain', async () => {
    const two = withAddress(meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1)), join(pupil('ben'), at(1))));
    const sut = makeSut(two, new Map([['teacher', true], ['amira', false], ['ben', true]]));
    await sut.watch.onTimer({ id: 'x', key: KEY, dueAt: at(10), reason: ROSTER_REASON });
    const event = sut.applied.events[0]!;
    assert.equal(event.kind, 'rosterReconciled');
    assert.equal(isPresent(sut.applied.current().people.amira!), false);
    assert.equal(sut.applied.apply.callCount, 1, 'applied through the lesson path, which delivers');
    assert.deepEqual(sut.scheduled, [{ dueAt: at(10) + INTERVAL, reason: ROSTER_REASON }]);
  });

  it('stops watching when the check shows no pupil is left', async () => {
    const sut = makeSut(lessonWithPupil, new Map([['teacher', true], ['amira', false]]));
    await sut.watch.check(KEY);
    assert.equal(sut.applied.events.length, 1);
    assert.deepEqual(sut.scheduled, []);
  });

  it('is rate-limited: a check made recently (by any instance, or before a critical alert) postpones this one instead of asking Teams again', async () => {
    const checked = withAddress(meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1)), reconcile(at(9), [], [])));
    const sut = makeSut(checked, new Map());
    await sut.watch.check(KEY);
    assert.equal((sut.roster.inMeeting as sinon.SinonSpy).callCount, 0);
    assert.deepEqual(sut.scheduled, [{ dueAt: at(9) + INTERVAL, reason: ROSTER_REASON }]);
  });

  it('when Teams cannot say, nothing is applied and the next check is scheduled', async () => {
    const sut = makeSut(lessonWithPupil, undefined);
    await sut.watch.check(KEY);
    assert.equal(sut.applied.events.length, 0);
    assert.equal(sut.applied.apply.callCount, 0);
    assert.equal(sut.scheduled.length, 1);
  });

  it('a failing check is logged, not thrown (the events that follow schedule the next one)', async () => {
    const broken = makeSut(lessonWithPupil, undefined, true);
    await broken.watch.onTimer({ id: 'r', key: KEY, dueAt: at(10), reason: ROSTER_REASON });
    assert.equal(broken.logger.error.callCount, 1);
    assert.deepEqual(broken.scheduled, []);
  });
});
