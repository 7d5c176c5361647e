/**
 * The lesson storage ports kept in memory, for fast unit tests of the lesson use cases. They keep
 * the Table stores' contract: every write gives a new ETag, a write with a stale one (or a create
 * over an existing snapshot) answers `conflict` and writes nothing, an event id already recorded
 * answers `duplicate`, every write stores the replaced version's revision plus one, and values go in and
 * come out as copies (as if serialised). `storage.down()`
 * makes every call fail the way the storage layer does when the account cannot be reached.
 */
import type {
  CommitResult,
  DueTimer,
  ExpectedVersion,
  LessonBook,
  MeetingKey,
  MeetingRecord,
  MeetingStore,
  StoredVersion,
  TimerStore,
} from '../../bot/src/app/ports.js';
import type { MeetingEvent, MeetingState } from '../../bot/src/domain/types.js';
import { StorageUnavailableError } from '../../bot/src/storage/errors.js';
import { expectedEtag } from '../../bot/src/storage/snapshotVersion.js';

/** Whether the (shared) storage account answers; both stores of one service consult the same switch. */
export class StorageSwitch {
  private outage: Error | undefined;
  /** Calls made while storage was down (each one failed). */
  refused = 0;

  /** From now on every call fails as unreachable (connection refused), until {@link up}. */
  down(): void {
    this.outage = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10002'), { code: 'ECONNREFUSED' });
  }

  /** Storage answers again. */
  up(): void {
    this.outage = undefined;
  }

  /** Whether a call made now would be answered. */
  get answers(): boolean {
    return this.outage === undefined;
  }

  /** Throws what `guarded` throws for an unreachable account. */
  check(operation: string): void {
    if (!this.outage) return;
    this.refused++;
    throw new StorageUnavailableError(operation, this.outage);
  }
}

interface Lesson {
  book: LessonBook;
  etag: string;
  /** One more than the version each write replaced, as the Table store keeps it. */
  revision: number;
  events: MeetingEvent[];
}

/** Account-wide, like Azure's: no two writes anywhere share an ETag. */
let writes = 0;
const nextEtag = (): string => `W/"mem-${++writes}"`;

/** `MeetingStore` in memory, with the Table store's ETag and idempotency rules. */
export class InMemoryMeetingStore implements MeetingStore {
  private readonly lessons = new Map<string, Lesson>();
  /** Successful writes (commits and book saves), to assert how often storage was written. */
  writes = 0;

  constructor(readonly storage = new StorageSwitch()) {}

  async load(key: MeetingKey): Promise<MeetingRecord | undefined> {
    this.storage.check('load lesson');
    const lesson = this.lessons.get(id(key));
    return lesson && { ...copy(lesson.book), etag: lesson.etag, revision: lesson.revision };
  }

  async commit(
    key: MeetingKey,
    event: MeetingEvent,
    next: LessonBook,
    expected: ExpectedVersion | undefined,
  ): Promise<CommitResult> {
    this.storage.check('apply meeting event');
    const lesson = this.lessons.get(id(key));
    // As the Table store settles it: an event the winner (or an earlier write) recorded is a duplicate, whatever the
    // ETag.
    if (lesson?.events.some((e) => e.id === event.id)) return { outcome: 'duplicate' };
    if (lesson?.etag !== (expected === undefined ? undefined : expectedEtag(expected))) return { outcome: 'conflict' };
    const version = { etag: nextEtag(), revision: (lesson?.revision ?? 0) + 1 };
    this.lessons.set(id(key), { book: copy(next), ...version, events: [...(lesson?.events ?? []), copy(event)] });
    this.writes++;
    return { outcome: 'applied', ...version };
  }

  async saveBook(
    key: MeetingKey,
    book: Pick<LessonBook, 'alerts' | 'deliveries'>,
    expected: ExpectedVersion,
  ): ReturnType<MeetingStore['saveBook']> {
    this.storage.check('save alerts and deliveries');
    const lesson = this.lessons.get(id(key));
    if (!lesson || lesson.etag !== expectedEtag(expected)) return { outcome: 'conflict' };
    const version: StoredVersion = { etag: nextEtag(), revision: lesson.revision + 1 };
    const deliveries = book.deliveries ?? lesson.book.deliveries;
    this.lessons.set(id(key), {
      ...lesson,
      ...version,
      book: copy({ state: lesson.book.state, alerts: book.alerts, ...(deliveries ? { deliveries } : {}) }),
    });
    this.writes++;
    return { outcome: 'applied', ...version };
  }

  async hasEvent(key: MeetingKey, eventId: string): Promise<boolean> {
    this.storage.check('check event');
    return this.lessons.get(id(key))?.events.some((e) => e.id === eventId) ?? false;
  }

  async listEvents(key: MeetingKey): Promise<MeetingEvent[]> {
    this.storage.check('list meeting events');
    return copy(this.lessons.get(id(key))?.events ?? []);
  }

  async listMeetings(
    tenantId: string,
    options: { organizerId?: string; limit?: number } = {},
  ): Promise<MeetingState[]> {
    this.storage.check('list meetings');
    const states = [...this.lessons.values()].map((l) => l.book.state);
    return copy(
      states
        .filter(
          (s) =>
            s.tenantId === tenantId &&
            s.startedAt !== undefined &&
            (options.organizerId === undefined || s.organizerId === options.organizerId),
        )
        .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))
        .slice(0, options.limit ?? 20),
    );
  }

  /** Another instance's write: a new ETag and revision, content unchanged, so a cached version is stale. */
  moveEtag(key: MeetingKey): void {
    const lesson = this.lessons.get(id(key));
    if (lesson) this.lessons.set(id(key), { ...lesson, etag: nextEtag(), revision: lesson.revision + 1 });
  }
}

/** `TimerStore` in memory: one timer per lesson, instant and reason; each claimed by one caller only. */
export class InMemoryTimerStore implements TimerStore {
  private readonly timers = new Map<string, DueTimer>();

  constructor(readonly storage = new StorageSwitch()) {}

  async schedule(key: MeetingKey, dueAt: number, reason: string): Promise<void> {
    this.storage.check('schedule timer');
    const timerId = `${dueAt}\u0000${id(key)}\u0000${reason}`;
    this.timers.set(timerId, { id: timerId, key: { ...key }, dueAt, reason });
  }

  async claimDue(now: number, limit: number): Promise<DueTimer[]> {
    this.storage.check('sweep timers');
    const due = [...this.timers.values()]
      .filter((t) => t.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, limit);
    for (const timer of due) this.timers.delete(timer.id);
    return due;
  }

  /** Timers not yet claimed, soonest first (what a test expects to be scheduled). */
  pending(): DueTimer[] {
    return [...this.timers.values()].sort((a, b) => a.dueAt - b.dueAt);
  }
}

function id(key: MeetingKey): string {
  return `${key.tenantId}\u0000${key.meetingId}`;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
