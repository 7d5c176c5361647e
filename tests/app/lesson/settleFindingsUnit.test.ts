import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createSettle } from '../../../bot/src/app/lesson/settleFindings.js';
import type { Finding } from '../../../bot/src/domain/types.js';
import { at, join, meeting, pupil, staff, started } from '../../domain/builders.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const state = meeting(started(at(0)), join(staff('teacher'), at(0)), join(pupil('amira'), at(1)));
const record = { state, alerts: {}, etag: 'e' };
const finding = (key: string): Finding => ({
  ruleId: 'no-one-to-one',
  key,
  severity: 'critical',
  audience: ['dsl'],
  message: 'm',
  action: 'a',
  debounce: true,
  source: 'test',
});

function makeSut(oneToOne = sinon.fake.resolves(undefined)) {
  const kick = sinon.fake.resolves(undefined);
  const logger = fakeLogger();
  return {
    settle: createSettle({ deliveries: { kick }, oneToOne, clock: { now: () => at(5) }, logger }),
    kick,
    oneToOne,
    logger,
  };
}

describe('app/lesson/settleFindings', () => {
  it('seed 003 bullet 1: records the one-to-one concern only when that critical finding starts', async () => {
    const sut = makeSut();
    await sut.settle(KEY, { record, started: [finding('no-one-to-one:participants')] });
    assert.equal(sut.oneToOne.callCount, 0, 'too few participants is not a one-to-one');
    await sut.settle(KEY, { record, started: [finding('no-one-to-one')] });
    assert.deepEqual(sut.oneToOne.firstCall.args, [KEY, state, at(5)]);
  });

  it('sends now only what the write added to the outbox', async () => {
    const sut = makeSut();
    await sut.settle(KEY, { record, started: [], owesDelivery: false });
    assert.equal(sut.kick.callCount, 0, 'an event that owes nothing costs no delivery round');
    await sut.settle(KEY, { record, started: [], owesDelivery: true });
    assert.deepEqual(sut.kick.firstCall.args, [KEY]);
  });

  it('a one-to-one record that cannot be stored is logged (no content) and delivery still happens', async () => {
    const sut = makeSut(sinon.fake.rejects(new Error('storage down')));
    await sut.settle(KEY, { record, started: [finding('no-one-to-one')], owesDelivery: true });
    assert.equal(sut.logger.error.callCount, 1);
    assert.equal(sut.kick.callCount, 1);
  });
});
