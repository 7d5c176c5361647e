import sinon from 'sinon';
import type { ConcernDelivery, ConcernNotifier, ConcernStore } from '../../../bot/src/app/concerns/ports.js';
import type { Concern, ConcernEntry } from '../../../bot/src/app/concerns/types.js';
import { captureLogger } from '../../teams/messages/harness.js';
import { T0, concern } from './fixtures.js';

/** Adds each owed message not already in the outbox (by id), as the stores do. */
function withOwed(current: ConcernDelivery[], owed: ConcernDelivery[]): ConcernDelivery[] {
  const ids = new Set(current.map((d) => d.id));
  return [...current, ...owed.filter((d) => !ids.has(d.id))];
}

/**
 * The concern use cases' ports as sinon fakes. The outboxes are kept as the table keeps them:
 * written by `create` and by `append` (with its entry, in the same write), read and saved
 * (If-Match on a version) by the delivery round.
 */
export function makeSut(stored = concern()) {
  const outboxes = new Map<string, { deliveries: ConcernDelivery[]; version: number }>();
  const created = new Map<string, Concern>();
  const store = {
    create: sinon
      .stub<Parameters<ConcernStore['create']>, ReturnType<ConcernStore['create']>>()
      .callsFake(async (c) => {
        outboxes.set(c.ref, { deliveries: c.deliveries ?? [], version: 0 });
        const { deliveries: _owed, clientRequestId: _id, ...rest } = c;
        const concern: Concern = {
          ...rest,
          entries: [{ seq: 0, kind: 'raised', at: c.raisedAt, by: c.reporter, details: c.details }],
        };
        created.set(c.ref, concern);
        return { outcome: 'created', concern };
      }),
    deliveryBook: (_tenantId: string, ref: string): ReturnType<ConcernStore['deliveryBook']> => ({
      load: async () => {
        const box = outboxes.get(ref) ?? { deliveries: [], version: 0 };
        return { deliveries: box.deliveries, etag: String(box.version) };
      },
      save: async (deliveries, etag) => {
        const box = outboxes.get(ref) ?? { deliveries: [], version: 0 };
        if (String(box.version) !== etag) return { outcome: 'conflict' };
        outboxes.set(ref, { deliveries, version: box.version + 1 });
        return { outcome: 'applied', etag: String(box.version + 1) };
      },
    }),
    dueDeliveries: async () => [],
    append: sinon
      .stub<Parameters<ConcernStore['append']>, ReturnType<ConcernStore['append']>>()
      .callsFake(async (_t, ref, entry, owes) => {
        const entryStored = { ...entry, seq: 1 } as ConcernEntry;
        const owed = owes?.(entryStored) ?? [];
        const box = outboxes.get(ref) ?? { deliveries: [], version: 0 };
        if (owed.length) outboxes.set(ref, { deliveries: withOwed(box.deliveries, owed), version: box.version + 1 });
        return { outcome: 'appended', entry: entryStored };
      }),
    get: sinon
      .stub<Parameters<ConcernStore['get']>, ReturnType<ConcernStore['get']>>()
      .callsFake(async (tenantId, ref) =>
        tenantId === stored.tenantId && ref === stored.ref ? stored : created.get(ref),
      ),
    list: sinon.stub<Parameters<ConcernStore['list']>, ReturnType<ConcernStore['list']>>().resolves({ concerns: [] }),
  };
  const notifier = {
    alertDsl: sinon
      .stub<Parameters<ConcernNotifier['alertDsl']>, ReturnType<ConcernNotifier['alertDsl']>>()
      .resolves({}),
    updateReporter: sinon
      .stub<Parameters<ConcernNotifier['updateReporter']>, ReturnType<ConcernNotifier['updateReporter']>>()
      .resolves({}),
  };
  const dsls = [
    { aadObjectId: 'dsl-1', name: 'Mrs Lead' },
    { aadObjectId: 'dsl-2', name: 'Mr Deputy' },
  ];
  const directory = { listDsls: sinon.stub().resolves(dsls), listEscalation: sinon.stub().resolves([]) };
  const log = captureLogger();
  const deps = { store, notifier, directory, clock: { now: () => T0 }, logger: log.logger, newRef: () => 'C-AAAAAA' };
  return { deps, store, notifier, directory, log, dsls, outboxes };
}
