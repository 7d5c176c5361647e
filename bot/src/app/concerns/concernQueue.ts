/**
 * The DSL's queue of concerns in the school view: what needs them first at the top (urgent, then
 * not yet acknowledged, then the longest waiting), narrowed by the filters the DSL typed. Pure: the
 * route reads the concerns, this decides their order and what each row says.
 */
import { CATEGORY_LABELS, concernStatus, type Concern, type ConcernCategory, type Urgency } from './types.js';

/** What the DSL narrowed the queue to; text filters match any part of the name or title, in any case. */
export interface QueueFilter {
  /** `open` (the default): only concerns still open; `all`: closed ones too, after the open ones. */
  status: 'open' | 'all';
  pupil?: string;
  category?: ConcernCategory;
  /** Part of the title of the lesson the concern came from. */
  lesson?: string;
  /** Part of the name of the member of staff who reported it. */
  reporter?: string;
}

/** One row of the queue. Times are epoch ms. */
export interface QueueItem {
  ref: string;
  pupil: string;
  category: ConcernCategory;
  categoryLabel: string;
  urgency: Urgency;
  reporter: string;
  /** The title of the lesson it came from, when it came from one. */
  lesson?: string;
  loggedAt: number;
  /** Whether a DSL has acknowledged it (the reporter has been told it was read). */
  acknowledged: boolean;
  status: 'open' | 'closed';
  level?: string;
}

const contains = (text: string, wanted: string | undefined) =>
  !wanted?.trim() || text.toLocaleLowerCase('en-GB').includes(wanted.trim().toLocaleLowerCase('en-GB'));

/** The queue as the school view receives it. */
export interface ConcernQueueView {
  concerns: QueueItem[];
  /** The school's time zone, for the times shown. */
  timeZone: string;
}

/** Whether the concern passes every filter the DSL set. */
export function matchesQueueFilter(concern: Concern, filter: QueueFilter): boolean {
  const d = concern.details;
  return (
    (filter.status === 'all' || concernStatus(concern).open) &&
    (!filter.category || d.category === filter.category) &&
    contains(d.pupilName, filter.pupil) &&
    contains(d.lesson?.title ?? '', filter.lesson) &&
    contains(concern.reporter.name, filter.reporter)
  );
}

/** The row the queue shows for one concern. */
export function queueItemOf(concern: Concern): QueueItem {
  const d = concern.details;
  const status = concernStatus(concern);
  return {
    ref: concern.ref,
    pupil: d.pupilName,
    category: d.category,
    categoryLabel: CATEGORY_LABELS[d.category],
    urgency: d.urgency,
    reporter: concern.reporter.name,
    ...(d.lesson ? { lesson: d.lesson.title } : {}),
    loggedAt: concern.raisedAt,
    acknowledged: status.acknowledgements.length > 0,
    status: status.open ? 'open' : 'closed',
    ...(status.level ? { level: status.level } : {}),
  };
}

/**
 * Queue order: open before closed; among open ones urgent first, then unacknowledged, then the
 * oldest (it has waited longest); closed ones newest first. The reference breaks ties, so the order is total.
 */
export function compareQueueItems(a: QueueItem, b: QueueItem): number {
  const rank = (item: QueueItem) =>
    item.status === 'closed' ? 4 : (item.urgency === 'urgent' ? 0 : 2) + (item.acknowledged ? 1 : 0);
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const byAge = a.status === 'closed' ? b.loggedAt - a.loggedAt : a.loggedAt - b.loggedAt;
  return byAge || a.ref.localeCompare(b.ref);
}

/** The concerns that pass the filter, as queue rows in queue order. */
export function concernQueue(concerns: readonly Concern[], filter: QueueFilter): QueueItem[] {
  return concerns
    .filter((c) => matchesQueueFilter(c, filter))
    .map(queueItemOf)
    .sort(compareQueueItems);
}
