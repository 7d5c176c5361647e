import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { DueTimer, MeetingKey, MeetingStore, TimerStore } from '../../bot/src/app/ports.js';
import { RecordCache } from '../../bot/src/app/recordCache.js';
import { createSweepTimers, type TimerHandlers } from '../../bot/src/app/sweepTimers.js';
import { policy } from '../domain/builders.js';
import { fakeLogger } from './lessonRoutines/fakes.js';

const KEY: MeetingKey = { tenantId: 't', meetingId: 'm' };
const NOW = Date.UTC(2026, 0, 15, 9, 0);
const timer = (reason: string, id = reason): DueTimer => ({ id, key: KEY, dueAt: NOW, reason });

function makeSut(due: DueTimer[], handlers: TimerHandlers = {}) {
  const load = sinon.fake.resolves(undefined);
  const schedule = sinon.fake.resolves(undefined);
  const timers: TimerStore = { schedule, claimDue: async () => due.splice(0) };
  const logger = fakeLogger();
  const sweep = createSweepTimers({ meetings: { load } as unknown as MeetingStore, timers, cache: new RecordCache(), settle: sinon.fake.resolves(undefined), policyFor: () => policy(), dslsFor: async () => [], clock: { now: () => NOW }, logger, handlers });
  return { sweep, load, schedule, logger };
}

describe('app/sweepTimers', () => {
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
    assert.equal(sut.load.callCount, 0, 'no re-evaluation for a routine\'s own timer');
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
});
