/**
 * The meeting store as the service uses it, with the school board kept in step: every lesson
 * version written through it (an event committed, an alert book or delivery result saved) is handed
 * to the {@link BoardKeeper}. One place sees every write, so no use case has to remember the board.
 */
import { LRUCache } from 'lru-cache';
import type { MeetingState } from '../../domain/types.js';
import type { LessonBook, MeetingKey, MeetingRecord, MeetingStore } from '../ports.js';
import type { BoardKeeper } from './boardKeeper.js';

/** Lessons whose last seen state this process keeps (references to records it holds anyway). */
const REMEMBERED = 2_000;

/** Wraps `inner` so the board follows each stored version. */
export class BoardedMeetingStore implements MeetingStore {
  /** The state of each lesson at the revision it was last read or written with. */
  private readonly states = new LRUCache<string, { revision: number; state: MeetingState }>({ max: REMEMBERED });

  constructor(
    private readonly inner: MeetingStore,
    private readonly keeper: Pick<BoardKeeper, 'lessonStored'>,
  ) {}

  async load(key: MeetingKey): Promise<MeetingRecord | undefined> {
    const record = await this.inner.load(key);
    if (record) this.remember(key, record.revision ?? 0, record.state);
    return record;
  }

  async commit(...args: Parameters<MeetingStore['commit']>): ReturnType<MeetingStore['commit']> {
    const result = await this.inner.commit(...args);
    if (result.outcome === 'applied') this.stored(args[0], args[2], result.revision);
    return result;
  }

  async saveBook(...args: Parameters<MeetingStore['saveBook']>): ReturnType<MeetingStore['saveBook']> {
    const [key, book] = args;
    const result = await this.inner.saveBook(...args);
    if (result.outcome !== 'applied') return result;
    // A saved book keeps the stored state: the one this process saw at the version it replaced, if it did.
    const known = this.states.get(id(key));
    if (known && known.revision === result.revision - 1)
      this.stored(key, { ...book, state: known.state }, result.revision);
    return result;
  }

  hasEvent(key: MeetingKey, eventId: string): Promise<boolean> {
    return this.inner.hasEvent(key, eventId);
  }

  listEvents(key: MeetingKey): ReturnType<MeetingStore['listEvents']> {
    return this.inner.listEvents(key);
  }

  listMeetings(...args: Parameters<MeetingStore['listMeetings']>): ReturnType<MeetingStore['listMeetings']> {
    return this.inner.listMeetings(...args);
  }

  private stored(key: MeetingKey, book: LessonBook, revision: number): void {
    this.remember(key, revision, book.state);
    this.keeper.lessonStored(key, book, revision);
  }

  private remember(key: MeetingKey, revision: number, state: MeetingState): void {
    const k = id(key);
    const known = this.states.get(k);
    if (known && known.revision > revision) return;
    this.states.set(k, { revision, state });
  }
}

function id(key: MeetingKey): string {
  return `${key.tenantId}/${key.meetingId}`;
}
