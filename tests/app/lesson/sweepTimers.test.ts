import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { DueTimer, MeetingKey, MeetingStore, TimerStore } from '../../../bot/src/app/ports.js';
import { RecordCache } from '../../../bot/src/app/lesson/recordCache.js';
import { createSweepTimers, type TimerHandlers } from '../../../bot/src/app/lesson/sweepTimers.js';
import { policy } from '../../domain/builders.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';

const KEY: MeetingKey = { tenantId: 't', meetingId: 'm' };
const NOW = Date.UTC(2026, 0, 15, 9, 0);
const timer = (reason: string, id = reason): DueTimer => ({ id, key: KEY, dueAt: NOW, reason });

function makeSut(
  due: DueTimer[],
  handlers: TimerHandlers = {},
  limits: { concurrency?: number; handlerDeadlineMs?: number } = {},
) {
  const load = sinon.fake.resolves(undefined);
  const schedule = sinon.fake.resolves(undefined);
  const timers: TimerStore = { schedule, claimDue: async () => due.splice(0) };
  const logger = fakeLogger();
  const sweep = createSweepTimers({
    meetings: { load } as unknown as MeetingStore,
    timers,
    cache: new RecordCache(),
    settle: sinon.fake.resolves(undefined),
    policyFor: () => policy(),
    dslsFor: async () => [],
    clock: { now: () => NOW },
    logger,
    handlers,
    ...limits,
  });
  return { sweep, load, schedule, logger };
}

describe('app/lesson/sweepTimers', () => {
  it('DESIGN 5 "a fired timer re-evaluates its meeting": an `evaluate` timer, and one whose reason has no handler, re-read the lesson', async () => {
    const roster = sinon.fake.resolves(undefined);
    const sut = makeSut([timer('evaluate'), timer('unknown'), timer('toString')], { roster });
    assert.equal(await sut.sweep(), 3);
    assert.equal(sut.load.callCount, 3, 'a reason naming an Object.prototype member is still just a re-evaluation');
    assert.equal(roster.callCount, 0);
  });

  it('hands a timer with a handler to that handler only (each routine owns its timers)', async () => {
    const roster = sinon.fake.resolves(undefined);
    const attendance = sinon.fake.resolves(undefined);
    const due = [timer('roster'), timer('attendance')];
    const sut = makeSut([...due], { roster, attendance });
    assert.equal(await sut.sweep(), 2);
    assert.deepEqual(roster.firstCall.args, [due[0]]);
    assert.deepEqual(attendance.firstCall.args, [due[1]]);
    assert.equal(roster.callCount + attendance.callCount, 2);
    assert.equal(sut.load.callCount, 0, "no re-evaluation for a routine's own timer");
  });

  it('a failing handler is logged without personal data and tried again shortly with its own reason; the other timers still run', async () => {
    const attendance = sinon.fake.rejects(new Error('Graph down'));
    const sut = makeSut([timer('attendance'), timer('evaluate')], { attendance });
    assert.equal(await sut.sweep(), 2);
    assert.deepEqual(sut.schedule.firstCall.args, [KEY, NOW + 30_000, 'attendance']);
    assert.equal(sut.load.callCount, 1);
    assert.equal(sut.logger.error.callCount, 1);
    assert.deepEqual(Object.keys(sut.logger.error.firstCall.args[0]).sort(), ['err', 'reason', 'timer']);
  });

  describe("lessons isolated from each other's faults (issue 15)", () => {
    let clock: sinon.SinonFakeTimers | undefined;
    afterEach(() => clock?.restore());

    /** A handler that stays running until the test lets it go (or fails it). */
    function held() {
      let release!: () => void;
      let fail!: (error: Error) => void;
      const done = new Promise<void>((resolve, reject) => ((release = resolve), (fail = reject)));
      const handler = sinon.fake(() => done);
      return { handler, release, fail };
    }

    it('runs due timers side by side, never more than the bound at once, and waits for all of them', async () => {
      let running = 0;
      let peak = 0;
      const gates: Array<() => void> = [];
      const roster = sinon.fake(async () => {
        peak = Math.max(peak, ++running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
      });
      const sut = makeSut(
        Array.from({ length: 7 }, (_, i) => timer('roster', `r${i}`)),
        { roster },
        { concurrency: 3 },
      );
      const sweep = sut.sweep();
      while (roster.callCount < 7) {
        await new Promise((resolve) => setImmediate(resolve));
        gates.splice(0).forEach((open) => open());
      }
      assert.equal(await sweep, 7);
      assert.equal(peak, 3, 'three at a time');
    });

    it('starts the re-evaluations (which raise the grace-period alerts) ahead of routine timers claimed before them', async () => {
      const roster = sinon.fake.resolves(undefined);
      const sut = makeSut(
        [timer('roster', 'r1'), timer('roster', 'r2'), timer('evaluate', 'e')],
        { roster },
        { concurrency: 1 },
      );
      assert.equal(await sut.sweep(), 3);
      assert.ok(sut.load.calledBefore(roster), 'the lesson was re-read before any roster check ran');
      assert.equal(roster.callCount, 2);
    });

    it('a handler still running at its deadline is abandoned for this sweep, logged once and rescheduled; the others are not held up', async () => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const hung = held();
      const sut = makeSut(
        [timer('roster', 'hung'), timer('evaluate')],
        { roster: hung.handler },
        { handlerDeadlineMs: 5_000 },
      );
      const sweep = sut.sweep();
      for (let i = 0; i < 20 && sut.load.callCount === 0; i++) await Promise.resolve();
      assert.equal(sut.load.callCount, 1, 'the re-evaluation ran while the roster handler was still hanging');
      await clock.tickAsync(5_000);
      assert.equal(await sweep, 2);
      assert.deepEqual(sut.schedule.args, [[KEY, NOW + 30_000, 'roster']]);
      assert.equal(sut.logger.error.callCount, 1);
      assert.deepEqual(Object.keys(sut.logger.error.firstCall.args[0]).sort(), ['deadlineMs', 'reason', 'timer']);
      hung.fail(new Error('Teams finally refused'));
      await clock.tickAsync(0);
      assert.equal(sut.logger.error.callCount, 1, 'its late failure is not logged a second time');
      assert.equal(sut.schedule.callCount, 1, 'nor rescheduled twice');
    });

    it('a handler that finishes before its deadline is not rescheduled', async () => {
      clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const slow = held();
      const sut = makeSut([timer('roster')], { roster: slow.handler }, { handlerDeadlineMs: 5_000 });
      const sweep = sut.sweep();
      await clock.tickAsync(4_999);
      slow.release();
      assert.equal(await sweep, 1);
      assert.equal(sut.schedule.callCount, 0);
      assert.equal(sut.logger.error.callCount, 0);
    });
  });
});
