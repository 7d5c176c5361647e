import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createRosterWatch, ROSTER_REASON } from '../../../bot/src/app/lessonRoutines/rosterWatch.js';
import type { MeetingKey, RosterSource, TimerStore } from '../../../bot/src/app/ports.js';
import { isPresent } from '../../../bot/src/domain/presence.js';
import type { MeetingState } from '../../../bot/src/domain/types.js';
import { at, ended, join, meeting, pupil, reconcile, staff, started } from '../../domain/builders.js';
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
  let teamsSays = answers;
  const roster: RosterSource = { inMeeting: sinon.fake(async () => teamsSays) };
  const logger = fakeLogger();
  const watch = createRosterWatch({
    meetings: {
      load: async () => {
        if (failLoad) throw new Error('storage down');
        return { state: applied.current(), alerts: {}, etag: 'e' };
      },
    },
    timers,
    roster,
    applyEvent: applied.apply,
    clock: { now: () => now },
    logger,
    intervalMs: INTERVAL,
  });
  return {
    watch,
    scheduled,
    roster,
    applied,
    logger,
    setNow: (ms: number) => (now = ms),
    answer: (said?: Map<string, boolean>) => (teamsSays = said),
  };
}

describe('app/lessonRoutines/rosterWatch', () => {
  const lessonWithPupil = withAddress(
    meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1))),
  );

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
    const two = withAddress(
      meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1)), join(pupil('ben'), at(1))),
    );
    const sut = makeSut(
      two,
      new Map([
        ['teacher', true],
        ['amira', false],
        ['ben', true],
      ]),
    );
    await sut.watch.onTimer({ id: 'x', key: KEY, dueAt: at(10), reason: ROSTER_REASON });
    const event = sut.applied.events[0]!;
    assert.equal(event.kind, 'rosterReconciled');
    assert.equal(isPresent(sut.applied.current().people.amira!), false);
    assert.equal(sut.applied.apply.callCount, 1, 'applied through the lesson path, which delivers');
    assert.deepEqual(sut.scheduled, [{ dueAt: at(10) + INTERVAL, reason: ROSTER_REASON }]);
  });

  it('stops watching when the check shows no pupil is left', async () => {
    const sut = makeSut(
      lessonWithPupil,
      new Map([
        ['teacher', true],
        ['amira', false],
      ]),
    );
    await sut.watch.check(KEY);
    assert.equal(sut.applied.events.length, 1);
    assert.deepEqual(sut.scheduled, []);
  });

  it('is rate-limited: a check made recently (by any instance, or before a critical alert) postpones this one instead of asking Teams again', async () => {
    const checked = withAddress(
      meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1)), reconcile(at(9), [], [])),
    );
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

  describe('a lesson whose Teams does not answer (issue 15)', () => {
    const MINUTE = 60_000;
    /** Runs due checks one after another, each at the time the previous one scheduled; returns the gaps in minutes. */
    async function gapsOver(sut: ReturnType<typeof makeSut>, checks: number): Promise<number[]> {
      const gaps: number[] = [];
      for (let i = 0; i < checks; i++) {
        const from = sut.scheduled.at(-1)?.dueAt ?? at(10);
        sut.setNow(from);
        await sut.watch.onTimer({ id: `r${i}`, key: KEY, dueAt: from, reason: ROSTER_REASON });
        gaps.push((sut.scheduled.at(-1)!.dueAt - from) / MINUTE);
      }
      return gaps;
    }

    it('is asked less and less often: the interval doubles with each unanswered check, up to 15 minutes', async () => {
      const sut = makeSut(lessonWithPupil, undefined);
      assert.deepEqual(await gapsOver(sut, 5), [6, 12, 15, 15, 15]);
      assert.ok(sut.scheduled.every((s) => s.reason === ROSTER_REASON));
    });

    it('goes back to the usual interval as soon as Teams answers again', async () => {
      const sut = makeSut(lessonWithPupil, undefined);
      await gapsOver(sut, 2);
      sut.answer(
        new Map([
          ['teacher', true],
          ['amira', true],
        ]),
      );
      assert.deepEqual(await gapsOver(sut, 1), [3]);
      sut.answer(undefined);
      assert.deepEqual(await gapsOver(sut, 1), [6], 'a new run of silence starts from the beginning');
    });

    it('ends once nothing has been heard of the lesson for hours (no event, no answer): it ended without telling us', async () => {
      const sut = makeSut(lessonWithPupil, undefined);
      sut.setNow(at(1) + 4 * 60 * MINUTE + 1);
      await sut.watch.check(KEY);
      assert.equal((sut.roster.inMeeting as sinon.SinonSpy).callCount, 1, 'Teams was asked one last time');
      assert.deepEqual(sut.scheduled, []);
      assert.equal(sut.logger.info.callCount, 1);
      assert.deepEqual(Object.keys(sut.logger.info.firstCall.args[0]).sort(), ['quietMinutes', 'unanswered']);
    });

    it('a quiet lesson whose Teams still answers keeps being watched', async () => {
      const sut = makeSut(
        lessonWithPupil,
        new Map([
          ['teacher', true],
          ['amira', true],
        ]),
      );
      sut.setNow(at(1) + 4 * 60 * MINUTE + 1);
      await sut.watch.check(KEY);
      assert.equal(sut.scheduled.length, 1);
    });

    it('a check that comes due after the lesson ended asks Teams nothing and schedules nothing', async () => {
      const sut = makeSut(
        withAddress(meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1)), ended(at(5)))),
        undefined,
      );
      await sut.watch.onTimer({ id: 'r', key: KEY, dueAt: at(10), reason: ROSTER_REASON });
      assert.equal((sut.roster.inMeeting as sinon.SinonSpy).callCount, 0);
      assert.deepEqual(sut.scheduled, []);
    });
  });
});
