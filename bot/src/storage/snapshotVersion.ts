/**
 * What the store knows about one version of a lesson's snapshot row: its ETag, its revision and the
 * outbox it holds. The store hands it out on the record it returns (under `storeNote`), the app keeps
 * that record in its one cache (RecordCache), and the next write of that version takes it back, so
 * appending an event costs no read. It is trusted only for the ETag it names: a record whose ETag has
 * moved on makes the store read the row instead, and every write is If-Match on that ETag anyway.
 */
import { storeNote, type ExpectedVersion, type StoredVersion } from '../app/ports.js';
import type { MeetingEvent } from '../domain/types.js';

/** The snapshot row's property holding its revision. */
export const REVISION = 'revision';

/**
 * What a row in the compact layout (snapshotRow.ts) holds besides its outbox, so the next event can be
 * appended by a merge that leaves the lesson's state, and an unchanged alert book, where they are.
 */
export interface CompactParts {
  /** Characters of the state stored on the row (the lesson before its replayed outbox events). */
  stateChars: number;
  /** Characters of all outbox entries on the row. */
  entryChars: number;
  /** The alert book and deliveries as stored (ASCII JSON), to leave them out of a write that does not change them. */
  alertsText: string;
  deliveriesText: string;
  /** Whether the lesson's state has its meeting's address (an entry carries the address only until it has). */
  hasAddress: boolean;
}

/** One version of a snapshot row, as read or written. */
export class SnapshotVersion {
  constructor(
    /** The row's ETag at this version. */
    readonly etag: string,
    /** The revision stored on the row (0 for rows from before revisions were kept). */
    readonly revision: number,
    /** The events in the row's outbox, oldest first. */
    readonly outbox: readonly MeetingEvent[],
    /** Set when the row is in the compact layout; rows written before it are rewritten whole by their next write. */
    readonly compact?: CompactParts,
  ) {}

  /** Set once this process has flushed this version's outbox: the version holding the same lesson, flushed. */
  private flushedAs: SnapshotVersion | undefined;

  /** Notes that `next` replaced this version by flushing its outbox, leaving the lesson as it was. */
  flushed(next: SnapshotVersion): void {
    this.flushedAs = next;
  }

  /** This version, or the one a flush in this process turned it into (the row's ETag moved, its lesson did not). */
  latest(): SnapshotVersion {
    return this.flushedAs ? this.flushedAs.latest() : this;
  }

  /** The record fields that name this version. */
  stored(): StoredVersion {
    return { etag: this.etag, revision: this.revision, [storeNote]: this };
  }
}

/** The ETag of the version a write expects. */
export function expectedEtag(expected: ExpectedVersion): string {
  return typeof expected === 'string' ? expected : expected.etag;
}

/** The version `expected` was read or written at, when its note describes that very ETag; else undefined. */
export function versionNoted(expected: ExpectedVersion): SnapshotVersion | undefined {
  if (typeof expected === 'string') return undefined;
  const note = expected[storeNote];
  return note instanceof SnapshotVersion && note.etag === expected.etag ? note : undefined;
}

/** The revision stored on a snapshot row: 0 for a row written before revisions were kept. */
export function parseRevision(entity: Record<string, unknown>): number {
  const revision = entity[REVISION];
  return typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0 ? revision : 0;
}
