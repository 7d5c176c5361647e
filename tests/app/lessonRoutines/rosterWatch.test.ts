import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createRosterWatch, ROSTER_REASON } from '../../../bot/src/app/lessonRoutines/rosterWatch.js';
import type { DueTimer, MeetingKey, RosterSource, TimerStore } from '../../../bot/src/app/ports.js';
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
  const due: DueTimer[] = [];
  const timers: TimerStore = {
    schedule: async (_key, dueAt, reason) => void scheduled.push({ dueAt, reason }),
    claimDue: async () => due.splice(0),
  };
  const roster: RosterSource = { inMeeting: sinon.fake(async () => answers) };
  const settle = sinon.fake.resolves(undefined);
  const logger = fakeLogger();
  const watch = createRosterWatch({ meetings: { load: async () => { if (failLoad) throw new Error('storage down'); return { state: applied.current(), alerts: {}, etag: 'e' }; } }, timers, roster, applyEvent: applied.apply, settle, clock: { now: () => now }, logger, intervalMs: INTERVAL });
  return { watch, scheduled, due, roster, settle, applied, logger, setNow: (ms: number) => (now = ms) };
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
    sut.due.push({ id: 'x', key: KEY, dueAt: at(10), reason: ROSTER_REASON });
    const claimed = await sut.watch.timers.claimDue(at(10), 10);
    assert.equal(claimed.length, 1, 'roster timers still reach the sweep (re-evaluating is harmless)');
    const event = sut.applied.events[0]!;
    assert.equal(event.kind, 'rosterReconciled');
    assert.equal(isPresent(sut.applied.current().people.amira!), false);
    assert.equal(sut.settle.callCount, 1);
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
    assert.equal(sut.settle.callCount, 0);
    assert.equal(sut.scheduled.length, 1);
  });

  it('leaves other timers alone, and a failing check is logged without losing the claimed timers', async () => {
    const sut = makeSut(lessonWithPupil);
    sut.due.push({ id: 'e', key: KEY, dueAt: at(10), reason: 'evaluate' });
    const claimed = await sut.watch.timers.claimDue(at(10), 10);
    assert.deepEqual(claimed.map((t) => t.reason), ['evaluate']);
    assert.equal((sut.roster.inMeeting as sinon.SinonSpy).callCount, 0);
    const broken = makeSut(lessonWithPupil, undefined, true);
    broken.due.push({ id: 'r', key: KEY, dueAt: at(10), reason: ROSTER_REASON }, { id: 'e', key: KEY, dueAt: at(10), reason: 'evaluate' });
    assert.equal((await broken.watch.timers.claimDue(at(10), 10)).length, 2);
    assert.equal(broken.logger.error.callCount, 1);
  });
});
