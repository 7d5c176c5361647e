/**
 * The chronology as labelled lines: one source of wording for the export, the card and the
 * chat reply, so they never disagree about what an entry says.
 */
import { lessonWords } from './lessonLink.js';
import { formatInZone } from '../time.js';
import { CATEGORY_LABELS, type ConcernEntry } from './types.js';

/** One entry of the chronology, ready to print. */
export interface ChronologyLine {
  /** 1-based position in the chronology. */
  number: number;
  when: string;
  who: string;
  what: string;
  /** Labelled fields of the entry (several for the original concern, one otherwise). */
  fields: Array<{ label: string; value: string }>;
}

const WHAT: Record<ConcernEntry['kind'], string> = {
  raised: 'Concern raised',
  acknowledged: 'Acknowledged by DSL',
  levelSet: 'Level set',
  actionAdded: 'Action or note added',
  closed: 'Closed',
};

function fieldsOf(entry: ConcernEntry, timeZone: string): ChronologyLine['fields'] {
  switch (entry.kind) {
    case 'raised': {
      const d = entry.details;
      return [
        { label: 'Pupil', value: d.pupilName },
        { label: 'Category', value: CATEGORY_LABELS[d.category] },
        { label: 'Urgency', value: d.urgency === 'urgent' ? 'Urgent: child may be at immediate risk' : 'Routine' },
        { label: 'When it happened', value: formatInZone(d.happenedAt, timeZone) },
        { label: 'Lesson', value: lessonWords(d.lesson, timeZone) },
        { label: 'What was seen or heard', value: d.whatHappened },
        { label: 'Actions already taken', value: d.actionsTaken },
      ];
    }
    case 'acknowledged':
      return [{ label: 'Acknowledged', value: 'Read and acknowledged' }];
    case 'levelSet':
      return [{ label: 'Level', value: entry.level }];
    case 'actionAdded':
      return [{ label: 'Action or note', value: entry.text }];
    case 'closed':
      return [{ label: 'Outcome', value: entry.outcome }];
  }
}

/** Every entry of the chronology, oldest first, with times in the school's zone. */
export function chronologyLines(entries: ConcernEntry[], timeZone: string): ChronologyLine[] {
  return [...entries]
    .sort((a, b) => a.seq - b.seq)
    .map((entry, i) => ({
      number: i + 1,
      when: formatInZone(entry.at, timeZone),
      who: entry.by.name,
      what: WHAT[entry.kind],
      fields: fieldsOf(entry, timeZone),
    }));
}
