/**
 * One concern as the school view opens it: the summary the DSL triages from and the whole
 * chronology, in the same words as the export and the chat card (`chronologyText.ts`).
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { Viewer } from '../permissions.js';
import { chronologyLines, type ChronologyLine } from './chronologyText.js';
import { queueItemOf, type QueueItem } from './concernQueue.js';
import { lessonWords } from './lessonLink.js';
import { concernStatus, type Concern } from './types.js';

/** A concern's summary, its chronology, and what the DSL may do next. Times are epoch ms. */
export interface ConcernDetailView extends QueueItem {
  /** The lesson in words people read (`"Year 5 maths", Tue 10 Mar 09:00`), or that there was none. */
  lessonWords: string;
  acknowledgements: Array<{ name: string; at: number }>;
  /** Whether the person asking has acknowledged it already (a second acknowledgement is refused). */
  acknowledgedByYou: boolean;
  outcome?: string;
  /** Every entry, oldest first, times in the school's zone. */
  chronology: ChronologyLine[];
  /** The levels the school triages to (`policy.concernLevels`). */
  levels: string[];
  timeZone: string;
}

/** The detail view of `concern` for `viewer`, with times in the school's zone. */
export function concernDetailView(
  concern: Concern,
  viewer: Pick<Viewer, 'aadObjectId'>,
  policy: Pick<Policy, 'school' | 'concernLevels'>,
): ConcernDetailView {
  const status = concernStatus(concern);
  const timeZone = policy.school.timeZone;
  return {
    ...queueItemOf(concern),
    lessonWords: lessonWords(concern.details.lesson, timeZone),
    acknowledgements: status.acknowledgements.map((a) => ({ name: a.by.name, at: a.at })),
    acknowledgedByYou: status.acknowledgements.some((a) => a.by.aadObjectId === viewer.aadObjectId),
    ...(status.outcome !== undefined ? { outcome: status.outcome } : {}),
    chronology: chronologyLines(concern.entries, timeZone),
    levels: [...policy.concernLevels],
    timeZone,
  };
}
