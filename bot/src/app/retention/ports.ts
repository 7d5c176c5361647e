/**
 * What the retention sweep needs from outside: lessons found by age and removed. Adapter:
 * `storage/tableRetention.ts` (the `meetings` table and its per-school lesson index).
 */
import type { MeetingKey } from '../ports.js';

/** A lesson as the school's lesson index lists it: under the start it was indexed with. */
export interface IndexedLesson {
  meetingId: string;
  startedAt: number;
}

/** Lesson records found by age and deleted; every call is safe to repeat. */
export interface RetentionStore {
  /** Every school with indexed lessons. */
  tenants(): AsyncIterable<string>;
  /** The school's index entries of lessons that started before `cutoff` (epoch ms). */
  startedBefore(tenantId: string, cutoff: number): AsyncIterable<IndexedLesson>;
  /**
   * Deletes every row of the lesson's record (snapshot, events, anything else kept with it) and
   * checks that none is left; returns how many rows it deleted (0 when they were already gone).
   */
  deleteLesson(key: MeetingKey): Promise<number>;
  /** Indexes the lesson under its latest start (a meeting used again since it was indexed). */
  reindex(key: MeetingKey, startedAt: number): Promise<void>;
  /** Removes one index entry; false when it was already gone. */
  unindex(tenantId: string, lesson: IndexedLesson): Promise<boolean>;
}

/** What one retention pass did: counts only, nothing that names a lesson or a person. */
export interface RetentionSummary {
  /** Lessons whose records were deleted. */
  lessons: number;
  /** Rows deleted from those records, and from the school view of days past the retention period. */
  rows: number;
  /** Entries deleted from the lesson index. */
  indexRows: number;
  /** Lessons indexed as old but used again within the retention period, so kept. */
  kept: number;
  /** Steps that failed (a lesson, or listing a school's lessons); the next pass tries them again. */
  failed: number;
  /** True when lessons are left for a later pass: the pass reached its limit or storage failed part-way. */
  more: boolean;
}
