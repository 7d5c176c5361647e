import { strict as assert } from 'node:assert';
import { acknowledgeConcern } from '../../../bot/src/app/concerns/acknowledgeConcern.js';
import { closeConcern } from '../../../bot/src/app/concerns/closeConcern.js';
import { listConcerns } from '../../../bot/src/app/concerns/listConcerns.js';
import { logConcern } from '../../../bot/src/app/concerns/logConcern.js';
import { DeliveryFailure } from '../../../bot/src/app/delivery/delivery.js';
import { setConcernLevel } from '../../../bot/src/app/concerns/setConcernLevel.js';
import { makeSut } from './concernSut.js';
import { T0, TENANT, concern, formInput, viewer } from './fixtures.js';

describe('app/concerns: logConcern', () => {
  it('stores the concern with an alert owed to every DSL of the tenant (one write), then sends them and records them sent', async () => {
    const { deps, store, notifier, dsls, outboxes } = makeSut();
    const result = await logConcern(deps, viewer('staff'), formInput());
    assert.ok(result.outcome === 'logged' && result.toldDsls === 2 && result.unreachedDsls === 0);
    const stored = store.create.firstCall.args[0];
    assert.equal(stored.tenantId, TENANT);
    const owed = (stored.deliveries ?? []).map((d) => [
      d.recipient.kind === 'person' && d.recipient.aadObjectId,
      d.state,
    ]);
    assert.deepEqual(
      owed,
      dsls.map((d) => [d.aadObjectId, 'pending']),
      'the alerts are in the same write as the concern',
    );
    assert.deepEqual(
      notifier.alertDsl
        .getCalls()
        .map((c) => [c.args[0].ref, c.args[1]])
        .sort(),
      [
        ['C-AAAAAA', 'dsl-1'],
        ['C-AAAAAA', 'dsl-2'],
      ],
    );
    assert.deepEqual(
      outboxes.get('C-AAAAAA')?.deliveries.map((d) => d.state),
      ['sent', 'sent'],
    );
  });

  it('counts as told only the DSLs Teams accepted; the other alert stays pending for the retry', async () => {
    const { deps, notifier, outboxes } = makeSut();
    notifier.alertDsl.callsFake(async (_concern, aadObjectId) => {
      if (aadObjectId === 'dsl-2') throw new DeliveryFailure('busy', true, 90_000, 503);
      return {};
    });
    const result = await logConcern(deps, viewer('staff'), formInput());
    assert.ok(result.outcome === 'logged' && result.toldDsls === 1 && result.unreachedDsls === 1);
    const pending = outboxes.get('C-AAAAAA')?.deliveries.find((d) => d.state === 'pending');
    assert.equal(pending?.recipient.kind === 'person' && pending.recipient.aadObjectId, 'dsl-2');
    assert.equal(pending?.nextAttemptAt, T0 + 90_000, 'retried no sooner than Teams asked');
  });

  it('refuses pupils before looking at the form', async () => {
    const { deps, store } = makeSut();
    assert.equal((await logConcern(deps, viewer('none'), formInput())).outcome, 'refused');
    assert.equal(store.create.called, false);
  });

  it('returns the first receipt for a duplicate form and alerts nobody again', async () => {
    const { deps, store, notifier } = makeSut();
    store.create.resolves({ outcome: 'duplicate', concern: concern() });
    assert.equal((await logConcern(deps, viewer('staff'), formInput())).outcome, 'duplicate');
    assert.equal(notifier.alertDsl.called, false);
  });

  it('refuses a form id sent again with different answers, storing and alerting nothing, with a sentence saying what to do', async () => {
    const { deps, store, notifier } = makeSut();
    store.create.resolves({ outcome: 'conflict', concern: concern() });
    const result = await logConcern(deps, viewer('staff'), formInput());
    assert.ok(
      result.outcome === 'conflict' && /already sent with different answers.*new concern form/.test(result.message),
    );
    assert.equal(notifier.alertDsl.called, false);
  });

  it('picks a new reference when one is taken', async () => {
    const { deps, store } = makeSut();
    store.create.onFirstCall().resolves({ outcome: 'refTaken' });
    assert.equal((await logConcern(deps, viewer('staff'), formInput())).outcome, 'logged');
    assert.equal(store.create.callCount, 2);
  });

  it('keeps the concern and reports unreached DSLs when alerting fails, logging no content', async () => {
    const { deps, notifier, log } = makeSut();
    notifier.alertDsl.rejects(new Error('Zebedee Quill: connector down'));
    const result = await logConcern(deps, viewer('staff'), formInput());
    assert.equal(result.outcome === 'logged' && result.unreachedDsls, 2);
    assert.equal(
      result.outcome === 'logged' && result.toldDsls,
      0,
      'nobody is counted as told when Teams took nothing',
    );
    assert.ok(!log.text().includes('Zebedee'));
  });
});

describe('app/concerns: triage', () => {
  it('acknowledges once per DSL and tells the reporter', async () => {
    const { deps, store, notifier } = makeSut();
    const result = await acknowledgeConcern(deps, viewer('dsl'), 'c-7k3f9q');
    assert.ok(result.ok);
    assert.deepEqual(store.append.firstCall.args.slice(0, 2), [TENANT, 'C-7K3F9Q']);
    assert.equal(notifier.updateReporter.firstCall.args[1].kind, 'acknowledged');
  });

  it("keeps the reporter's update on the concern's outbox, pending, when Teams refuses it (retried by the sweep)", async () => {
    const { deps, notifier, outboxes } = makeSut();
    notifier.updateReporter.rejects(new DeliveryFailure('busy', true, 30_000, 429));
    assert.ok((await acknowledgeConcern(deps, viewer('dsl'), 'c-7k3f9q')).ok, "the DSL's step stands");
    const [owed] = outboxes.get('C-7K3F9Q')?.deliveries ?? [];
    assert.deepEqual(
      [owed?.message.kind, owed?.recipient.kind === 'person' && owed.recipient.role, owed?.state, owed?.nextAttemptAt],
      ['concernUpdate', 'reporter', 'pending', T0 + 30_000],
    );
    notifier.updateReporter.resolves({});
    await acknowledgeConcern(deps, viewer('dsl'), 'c-7k3f9q').catch(() => undefined);
    assert.equal(outboxes.get('C-7K3F9Q')?.deliveries.length, 1, 'owed once');
  });

  it('refuses a second acknowledgement by the same DSL', async () => {
    const c = concern();
    c.entries.push({ seq: 1, kind: 'acknowledged', at: T0, by: { aadObjectId: 'dsl-1', name: 'x' } });
    const { deps, store } = makeSut(c);
    const result = await acknowledgeConcern(deps, viewer('dsl'), c.ref);
    assert.ok(!result.ok && /already acknowledged/.test(result.message));
    assert.equal(store.append.called, false);
  });

  it('refuses staff who are not DSL, even the reporter', async () => {
    const { deps, store } = makeSut();
    assert.equal((await closeConcern(deps, viewer('staff', 'staff-1'), 'C-7K3F9Q', 'done')).ok, false);
    assert.equal(store.get.called, false, 'authorization comes before any read');
  });

  it("accepts only the school's own levels", async () => {
    const { deps } = makeSut();
    const policy = { concernLevels: ['green', 'amber', 'red'] };
    assert.equal((await setConcernLevel(deps, viewer('dsl'), 'C-7K3F9Q', 'Amber', policy)).ok, true);
    const wrong = await setConcernLevel(deps, viewer('dsl'), 'C-7K3F9Q', 'child-protection', policy);
    assert.ok(!wrong.ok && wrong.message.includes('green, amber, red'));
  });

  it('adds nothing to a closed concern', async () => {
    const c = concern();
    c.entries.push({ seq: 1, kind: 'closed', at: T0, by: { aadObjectId: 'dsl-1', name: 'x' }, outcome: 'done' });
    const { deps, store } = makeSut(c);
    assert.equal((await closeConcern(deps, viewer('dsl'), c.ref, 'again')).ok, false);
    assert.equal(store.append.called, false);
  });

  it('says "already closed" when another DSL closed the concern between the read and the write, and tells the reporter nothing', async () => {
    const { deps, store, notifier } = makeSut();
    store.append.resolves({ outcome: 'closed' });
    const result = await acknowledgeConcern(deps, viewer('dsl'), 'C-7K3F9Q');
    assert.ok(!result.ok && /already closed/.test(result.message));
    assert.equal(notifier.updateReporter.called, false);
  });

  it("lists the tenant's open concerns for a DSL and only their own for other staff", async () => {
    const { deps, store } = makeSut();
    await listConcerns(deps, viewer('dsl'));
    await listConcerns(deps, viewer('staff', 'staff-9'));
    assert.deepEqual(store.list.firstCall.args, [TENANT, { status: 'open' }]);
    assert.deepEqual(store.list.secondCall.args, [TENANT, { status: 'all', reporterId: 'staff-9' }]);
    assert.equal((await listConcerns(deps, viewer('none'))).ok, false);
  });
});
