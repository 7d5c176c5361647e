/** Fakes of the retention sweep's ports, shared by its unit tests. */
import sinon from 'sinon';
import type { MeetingKey, MeetingRecord } from '../../../bot/src/app/ports.js';
import type { IndexedLesson, RetentionStore } from '../../../bot/src/app/retention/ports.js';
import type { MeetingState } from '../../../bot/src/domain/types.js';

export const DAY = 86_400_000;
/** Day 0 of every test: 2026-01-05 09:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0);

/** A lesson snapshot with only what the sweep reads. */
export function lesson(
  meetingId: string,
  times: Pick<MeetingState, 'startedAt' | 'endedAt' | 'lastEventAt'>,
): MeetingState {
  return {
    tenantId: 't',
    meetingId,
    title: 'Year 9 maths',
    meetingType: 'Scheduled',
    people: {},
    checklist: {},
    breaches: [],
    applied: [],
    ...times,
  };
}

/**
 * A store whose index holds `index` (per tenant) and whose lessons are `lessons`; each method is a
 * sinon fake, so tests see what was asked in which order.
 */
export function fakeStore(index: Record<string, IndexedLesson[]>, lessons: Record<string, MeetingState> = {}) {
  type Spied = { [K in keyof RetentionStore]: RetentionStore[K] & sinon.SinonSpy };
  const startedBefore = sinon.fake(async function* (tenantId: string, cutoff: number): AsyncGenerator<IndexedLesson> {
    for (const entry of index[tenantId] ?? []) if (entry.startedAt < cutoff) yield entry;
  });
  const store: Spied = {
    tenants: sinon.fake(async function* (): AsyncGenerator<string> {
      yield* Object.keys(index);
    }),
    startedBefore,
    deleteLesson: sinon.fake.resolves(3),
    reindex: sinon.fake.resolves(undefined),
    unindex: sinon.fake.resolves(true),
  };
  const load = sinon.fake(async (key: MeetingKey): Promise<MeetingRecord | undefined> => {
    const state = lessons[key.meetingId];
    return state ? { state, alerts: {}, etag: 'e' } : undefined;
  });
  return { store, meetings: { load } };
}

/** A silent logger whose every level can be inspected. */
export function spyLogger() {
  const logger = {
    debug: sinon.fake(),
    info: sinon.fake(),
    warn: sinon.fake(),
    error: sinon.fake(),
    child: () => logger,
  };
  return logger;
}

/** A listing that fails as storage does when it cannot be reached. */
export function unreachable(): AsyncGenerator<never> {
  const failing = async (): Promise<never> => {
    throw Object.assign(new Error('Table Storage is unavailable'), { name: 'StorageUnavailableError' });
  };
  return {
    next: failing,
    return: async () => ({ done: true, value: undefined }),
    throw: failing,
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<never>;
}
