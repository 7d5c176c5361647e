import { strict as assert } from 'node:assert';
import { DeliveryFailure } from '../../../bot/src/app/delivery/delivery.js';
import { DELIVER_REASON } from '../../../bot/src/app/delivery/lessonDeliveries.js';
import type { Finding } from '../../../bot/src/domain/types.js';
import { join, staff, started, T0 } from '../../domain/builders.js';
import { KEY, useSuts, type Sut } from './makeSut.js';

/**
 * A finding raised outside the lesson's evaluation (as the invitee check raises its lobby findings): for the staff in
 * the meeting and the DSL.
 */
const UNINVITED: Finding = {
  ruleId: 'lobby',
  key: 'uninvited-joiner:x1',
  severity: 'warning',
  audience: ['staffPresent', 'dsl'],
  message: 'Someone who was not invited joined.',
  action: 'Check who it is.',
  debounce: false,
  source: 'test',
  subjectIds: ['x1'],
};

async function lessonWithTeacher(sut: Sut): Promise<void> {
  await sut.record(started(T0, { organizerId: 't1' }));
  await sut.record(join(staff('t1'), T0));
}

const storedDeliveries = async (sut: Sut) => (await sut.meetings.load(KEY))?.deliveries ?? [];

describe('app/lesson/deliverAlerts', () => {
  const make = useSuts();

  it("queues the findings on the lesson's outbox, sends them at once, and records each as sent with its activity id", async () => {
    const sut = make();
    await lessonWithTeacher(sut);
    await sut.lessons.deliver(KEY, [UNINVITED]);

    const stored = await storedDeliveries(sut);
    assert.deepEqual(stored.map((d) => d.recipient.kind).sort(), ['person', 'staffInMeeting']);
    assert.equal(sut.sender.send.callCount, 2);
    assert.deepEqual(
      sut.sender.send.args.map(([tenantId]) => tenantId),
      [KEY.tenantId, KEY.tenantId],
    );
    for (const d of stored) {
      assert.equal(d.state, 'sent');
      assert.match(d.activityId ?? '', /^activity-/);
      assert.equal(d.closed, true, 'not in the alert book, so no "resolved" is ever owed');
    }
    assert.equal((await sut.meetings.load(KEY))?.alerts[UNINVITED.key], undefined);
  });

  it('while a send is still in flight its delivery is leased, not sent; it is marked sent only once the send resolves', async () => {
    const sut = make();
    await lessonWithTeacher(sut);
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    sut.sender.send.callsFake(async () => {
      await answered;
      return { activityId: 'late' };
    });
    const delivering = sut.lessons.deliver(KEY, [UNINVITED]);
    while (sut.sender.send.callCount < 2) await new Promise((resolve) => setImmediate(resolve));

    const inFlight = await storedDeliveries(sut);
    assert.deepEqual(
      inFlight.map((d) => d.state),
      ['pending', 'pending'],
    );
    assert.ok(
      inFlight.every((d) => d.leaseUntil !== undefined && d.sentAt === undefined),
      'claimed, so no other instance sends it meanwhile',
    );
    answer();
    await delivering;
    assert.deepEqual(
      (await storedDeliveries(sut)).map((d) => `${d.state}:${d.activityId}`),
      ['sent:late', 'sent:late'],
    );
  });

  it('a transient failure stays pending, not sent, and a timer brings it back for the retry', async () => {
    const sut = make();
    await lessonWithTeacher(sut);
    sut.sender.send.onFirstCall().rejects(new DeliveryFailure('Teams is busy.', true, 30_000, 429));
    sut.sender.send.onSecondCall().rejects(new DeliveryFailure('Teams is busy.', true, 30_000, 429));
    await sut.lessons.deliver(KEY, [UNINVITED]);

    const failed = await storedDeliveries(sut);
    assert.deepEqual(
      failed.map((d) => d.state),
      ['pending', 'pending'],
    );
    assert.ok(
      failed.every(
        (d) =>
          d.sentAt === undefined &&
          d.attempts === 1 &&
          d.nextAttemptAt >= T0 + 30_000 &&
          d.lastError?.startsWith('429'),
      ),
    );
    const retry = sut.timers.pending().find((t) => t.reason === DELIVER_REASON);
    assert.ok(retry && retry.dueAt >= T0 + 30_000, 'a timer brings the worker back when the retry is due');

    await sut.advance(retry.dueAt - T0);
    assert.deepEqual(
      (await storedDeliveries(sut)).map((d) => d.state),
      ['sent', 'sent'],
    );
    assert.equal(sut.sender.send.callCount, 4);
  });

  it('a send Teams refuses for good is given up: failed, never sent, logged without its content', async () => {
    const sut = make();
    await lessonWithTeacher(sut);
    sut.sender.send.rejects(new DeliveryFailure('The bot is not in this conversation.', false, undefined, 403));
    await sut.lessons.deliver(KEY, [UNINVITED]);

    assert.deepEqual(
      (await storedDeliveries(sut)).map((d) => d.state),
      ['failed', 'failed'],
    );
    assert.equal(sut.logger.error.callCount, 2);
    assert.ok(!JSON.stringify(sut.logger.error.args).includes(UNINVITED.message), "the finding's words are not logged");
    assert.equal(sut.timers.pending().filter((t) => t.reason === DELIVER_REASON).length, 0, 'nothing left to retry');
  });

  it('the same findings queued twice at the same moment are one message each (a redelivered activity)', async () => {
    const sut = make();
    await lessonWithTeacher(sut);
    await sut.lessons.deliver(KEY, [UNINVITED]);
    await sut.lessons.deliver(KEY, [UNINVITED]);
    assert.equal((await storedDeliveries(sut)).length, 2);
    assert.equal(sut.sender.send.callCount, 2);
  });

  it('queues nothing for a lesson storage has never seen', async () => {
    const sut = make();
    await sut.lessons.deliver(KEY, [UNINVITED]);
    assert.equal(await sut.meetings.load(KEY), undefined);
    assert.equal(sut.sender.send.callCount, 0);
  });
});
