/** In-memory stand-ins for the lesson path's tests: the DSL's one-to-one records and the held-event journal. */
import sinon from 'sinon';
import type { ConcernStore, NewConcern } from '../../../bot/src/app/concerns/ports.js';
import type { Concern } from '../../../bot/src/app/concerns/types.js';
import type { HeldEvent, HeldJournal } from '../../../bot/src/app/lesson/outageBuffer.js';

/** The one-to-one records the DSL gets, as a concern store that stores each form once. */
export function oneToOneRecords() {
  const stored = new Map<string, Concern>();
  const create = sinon.fake(async (c: NewConcern) => {
    const known = stored.get(c.clientRequestId);
    if (known) return { outcome: 'duplicate' as const, concern: known };
    const concern: Concern = {
      tenantId: c.tenantId,
      ref: c.ref,
      reporter: c.reporter,
      raisedAt: c.raisedAt,
      details: c.details,
      entries: [],
    };
    stored.set(c.clientRequestId, concern);
    return { outcome: 'created' as const, concern };
  });
  const unused = (): never => {
    throw new Error('not used by the lesson path');
  };
  const store: ConcernStore & { create: typeof create } = {
    create,
    append: unused,
    get: async () => undefined,
    list: unused,
    deliveryBook: unused,
    dueDeliveries: async () => [],
  };
  return store;
}

/** A journal that keeps what it is given in memory (the disk journal's contract without the disk). */
export function memoryJournal(): HeldJournal & { events: HeldEvent[] } {
  const events: HeldEvent[] = [];
  return { events, append: (held) => void events.push(structuredClone(held)), clear: () => void events.splice(0) };
}
