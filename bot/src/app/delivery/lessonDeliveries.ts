/**
 * The delivery worker for lessons: the outbox lives on the lesson's snapshot (written in the same
 * commit as the findings that caused it), a `deliver` timer brings an instance back when a retry
 * is due, and before a critical alert is first sent the roster is checked with Teams itself,
 * because participant events go missing (a withdrawn finding is never sent).
 */
import { errorFacts } from '../errorFacts.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import { reconcileRoster } from '../lessonRoutines/reconcileRoster.js';
import type {
  Clock,
  DueTimer,
  Logger,
  MeetingKey,
  MeetingRecord,
  MeetingStore,
  RosterSource,
  TimerStore,
} from '../ports.js';
import type { RecordCache } from '../lesson/recordCache.js';
import { timerSlot } from '../lesson/timerSlot.js';
import { CoalescingRunner } from './coalescingRunner.js';
import type { Delivery, DeliverySender } from './delivery.js';
import { planLessonDeliveries } from './planLessonDeliveries.js';
import { isDue, runDeliveryRound, type DeliveryBookStore } from './deliveryRound.js';

/**
 * Writers racing for one lesson's record (events, sweeps, rounds) each win within a few tries; past this, something is
 * wrong.
 */
const ENQUEUE_ATTEMPTS = 8;

/** The timer reason that brings the worker back to a lesson. */
export const DELIVER_REASON = 'deliver';

/** Dependencies of {@link createLessonDeliveries}. */
export interface LessonDeliveryDeps {
  meetings: Pick<MeetingStore, 'load' | 'saveBook'>;
  cache: RecordCache;
  timers: TimerStore;
  sender: DeliverySender;
  /** Raw apply (no delivery of its own): used to record what the roster check found. */
  applyRaw: ApplyMeetingEvent;
  roster?: RosterSource;
  /** Whether an error means storage is unreachable (the outbox then lives in memory until it is back). */
  isOutage(error: unknown): boolean;
  clock: Clock;
  logger: Logger;
}

/** What the rest of the service uses. */
export interface LessonDeliveries {
  /** Sends what the lesson owes now; resolves when this instance's round is over. */
  kick(key: MeetingKey): Promise<void>;
  /** The sweep's handler for `deliver` timers. */
  onTimer(timer: DueTimer): Promise<void>;
  /** Adds messages built from the current record (cards, checks outside the rules) and sends them. */
  enqueue(key: MeetingKey, make: (record: MeetingRecord) => Delivery[]): Promise<void>;
}

/** Builds the lesson delivery worker. */
export function createLessonDeliveries(deps: LessonDeliveryDeps): LessonDeliveries {
  const runner = new CoalescingRunner();
  const rosterChecked = new Set<string>();

  const load = async (key: MeetingKey): Promise<MeetingRecord | undefined> =>
    deps.cache.uncommitted(key) ?? deps.cache.reload(key, () => deps.meetings.load(key));

  const store = (key: MeetingKey): DeliveryBookStore => ({
    async load() {
      const record = await load(key);
      if (!record) return undefined;
      const settle = (deliveries: Delivery[], now: number) =>
        planLessonDeliveries(deliveries, record.alerts, [], { key, state: record.state, dsls: [], now });
      return { deliveries: record.deliveries ?? [], etag: record.etag, settle };
    },
    async save(deliveries, etag) {
      const held = deps.cache.uncommitted(key);
      if (held) {
        // Storage is down: the outbox stays in memory and is written with the held events.
        deps.cache.setUncommitted(key, { ...held, deliveries });
        return { outcome: 'applied', etag };
      }
      const record = deps.cache.peek(key);
      // The cached record names the version the store wrote last, so the save needs no read when it is still that one.
      const expected = record?.etag === etag ? record : etag;
      const saved = await deps.meetings.saveBook(key, { alerts: record?.alerts ?? {}, deliveries }, expected);
      if (saved.outcome === 'applied' && record) {
        const { outcome: _saved, ...version } = saved;
        deps.cache.set(key, { ...record, deliveries, ...version });
      }
      return saved;
    },
  });

  async function checkRosterFirst(key: MeetingKey): Promise<void> {
    if (!deps.roster) return;
    const record = await load(key);
    if (!record?.state.address) return;
    const now = deps.clock.now();
    const unchecked = (record.deliveries ?? []).filter(
      (d) =>
        d.critical &&
        isDue(d, now) &&
        d.message.kind === 'finding' &&
        d.message.phase === 'raised' &&
        !rosterChecked.has(d.id),
    );
    if (!unchecked.length) return;
    for (const d of unchecked) rosterChecked.add(d.id);
    await reconcileRoster(
      { roster: deps.roster, applyEvent: deps.applyRaw, clock: deps.clock, logger: deps.logger },
      key,
      record.state,
    );
  }

  async function round(key: MeetingKey): Promise<void> {
    try {
      await checkRosterFirst(key);
      const result = await runDeliveryRound(
        { sender: deps.sender, now: () => deps.clock.now(), logger: deps.logger },
        key.tenantId,
        store(key),
      );
      if (result.nextDueAt !== undefined) await deps.timers.schedule(key, timerSlot(result.nextDueAt), DELIVER_REASON);
    } catch (error) {
      if (!deps.isOutage(error)) throw error;
      deps.logger.warn({ err: errorFacts(error) }, 'delivery round waits for storage');
    }
  }

  const kick = (key: MeetingKey): Promise<void> =>
    runner.run(`${key.tenantId}\u0000${key.meetingId}`, () => round(key));

  return {
    kick,
    onTimer: (timer) => kick(timer.key),
    async enqueue(key, make) {
      for (let attempt = 0; attempt < ENQUEUE_ATTEMPTS; attempt++) {
        const record = await load(key);
        if (!record) return;
        const added = make(record).filter((d) => !(record.deliveries ?? []).some((known) => known.id === d.id));
        if (!added.length) return;
        const saved = await store(key).save([...(record.deliveries ?? []), ...added], record.etag);
        if (saved.outcome === 'applied') return kick(key);
      }
      throw new Error('Could not queue a message: the lesson record kept changing.');
    },
  };
}
