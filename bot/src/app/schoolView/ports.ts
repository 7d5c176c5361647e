/** What the school view needs from storage: a per-school, per-day board of lessons. */
import type { Delivery, LessonCardMessage } from '../delivery/delivery.js';
import type { DeliveryBookStore } from '../delivery/deliveryRound.js';
import type { BoardEntry } from './boardEntry.js';

/** One lesson's place on one school day's board, at one version of the lesson. */
export interface BoardRow {
  tenantId: string;
  /** The school's local date of the lesson's start (or scheduled start), `YYYY-MM-DD`. */
  day: string;
  /** The lesson version it was computed from: a row never replaces one computed from a later version. */
  revision: number;
  entry: BoardEntry;
}

/** The board: one partition per school and day, one row per lesson. */
export interface SchoolBoardStore {
  /**
   * Writes the row unless the stored row is from this revision of the lesson or a later one
   * (`stale`): two instances writing one lesson in either order leave the newest.
   */
  put(row: BoardRow): Promise<'written' | 'stale'>;
  /** Removes a lesson from a day it no longer belongs to (its start moved); gone already is fine. */
  remove(tenantId: string, day: string, meetingId: string): Promise<void>;
  /** Removes the school's board of every day before `day` (retention); returns the rows removed. */
  expireBefore(tenantId: string, day: string): Promise<number>;
  /** Every school with a board, one small query per school. */
  schools(): AsyncIterable<string>;
  /** Every lesson of the school's day, one keyed query. */
  day(tenantId: string, day: string): Promise<BoardEntry[]>;
  /** Every lesson of the school's days `from` to `to` (inclusive, `YYYY-MM-DD`), one keyed range query. */
  days(tenantId: string, from: string, to: string): Promise<Array<Pick<BoardRow, 'day' | 'entry'>>>;
}

/** The senior leadership team's scheduled cards: the morning digest and the Monday report. */
export type SeniorCardKind = 'morning' | 'weekly';

/** The cards owed to the senior team, one outbox per school, day and kind, kept until Teams took each card. */
export interface SeniorCardStore {
  /** Stores the outbox unless it exists (`exists`): of two instances planning the same card, one writes it. */
  create(
    tenantId: string,
    day: string,
    kind: SeniorCardKind,
    deliveries: Delivery<LessonCardMessage>[],
  ): Promise<'created' | 'exists'>;
  /** The outbox, for the delivery round. */
  book(tenantId: string, day: string, kind: SeniorCardKind): DeliveryBookStore<LessonCardMessage>;
  /** Removes the school's outboxes of every day before `day` (retention); returns the rows removed. */
  expireBefore(tenantId: string, day: string): Promise<number>;
}
