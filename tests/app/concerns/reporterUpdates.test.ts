import { strict as assert } from 'node:assert';
import { acknowledgeConcern } from '../../../bot/src/app/concerns/acknowledgeConcern.js';
import { closeConcern } from '../../../bot/src/app/concerns/closeConcern.js';
import { StorageUnavailableError } from '../../../bot/src/storage/errors.js';
import { makeSut } from './concernSut.js';
import { T0, viewer } from './fixtures.js';

/** The two steps a reporter is told about, run by a DSL on the fixture concern. */
const steps = [
  {
    kind: 'acknowledged',
    run: (deps: ReturnType<typeof makeSut>['deps']) => acknowledgeConcern(deps, viewer('dsl'), 'c-7k3f9q'),
  },
  {
    kind: 'closed',
    run: (deps: ReturnType<typeof makeSut>['deps']) =>
      closeConcern(deps, viewer('dsl'), 'C-7K3F9Q', 'No further action'),
  },
] as const;

describe("app/concerns: the reporter's update is owed in the same write as the DSL's step", () => {
  for (const step of steps) {
    it(`${step.kind}: with storage gone right after the step and Teams refusing, the update still waits, pending, and the step is done`, async () => {
      const { deps, store, notifier, outboxes, log } = makeSut();
      notifier.updateReporter.rejects(new Error('connector down'));
      // Every outbox write after the append fails (the old second write, the send round's lease).
      const book = store.deliveryBook;
      store.deliveryBook = (tenantId, ref) => ({
        ...book(tenantId, ref),
        save: async () => {
          throw new StorageUnavailableError(
            'save concern outbox',
            Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
          );
        },
      });
      const result = await step.run(deps);
      assert.ok(result.ok, "the DSL's step is reported done");
      assert.equal(typeof store.append.firstCall.args[3], 'function', 'the append is told what the step owes');
      const owed = outboxes.get('C-7K3F9Q')?.deliveries ?? [];
      assert.deepEqual(
        owed.map((d) => [
          d.id,
          d.message.kind,
          d.recipient.kind === 'person' && d.recipient.aadObjectId,
          d.state,
          d.nextAttemptAt,
        ]),
        [[`concern|C-7K3F9Q|${step.kind}|dsl-1|${T0}`, 'concernUpdate', 'staff-1', 'pending', T0]],
        "the reporter's update is on the outbox, due now, for the sweep to send",
      );
      const warning = log.lines
        .map((l) => JSON.parse(l) as { level: string; msg: string })
        .find((l) => l.level === 'warn');
      assert.match(warning?.msg ?? '', /waits for the delivery sweep/);
      assert.ok(
        !/Zebedee|SECRET-TEXT|No further action|staff person/.test(log.text()),
        'no names or concern text in the logs',
      );
    });

    it(`${step.kind}: the update is sent at once when Teams takes it, and recorded sent`, async () => {
      const { deps, notifier, outboxes } = makeSut();
      assert.ok((await step.run(deps)).ok);
      assert.deepEqual(
        notifier.updateReporter.getCalls().map((c) => [c.args[0].ref, c.args[1].kind]),
        [['C-7K3F9Q', step.kind]],
      );
      assert.deepEqual(
        outboxes.get('C-7K3F9Q')?.deliveries.map((d) => d.state),
        ['sent'],
      );
    });
  }

  it('owes the reporter nothing when another DSL closed the concern first', async () => {
    const { deps, store, outboxes } = makeSut();
    store.append.resolves({ outcome: 'closed' });
    assert.equal((await acknowledgeConcern(deps, viewer('dsl'), 'C-7K3F9Q')).ok, false);
    assert.equal(outboxes.get('C-7K3F9Q'), undefined);
  });
});
