/**
 * Pure: the lesson record, a timeline of what happened in one lesson, in plain words for staff.
 * Built from the stored lesson alone (its state, alert book and delivery outbox): who joined and
 * left, every alert raised and when it stopped, who was told and who took it, the checklist and
 * pupil checks with who recorded them, breaches, and the start and end of the lesson.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { isStaff } from '../../domain/presence.js';
import { pupilCheckState } from '../../domain/rules/pupilCheck.js';
import { PUPIL_CHECKS, type MeetingState, type PersonRecord } from '../../domain/types.js';
import { formatInZone } from '../time.js';
import type { LessonBook } from '../ports.js';
import { CHECKLIST_LABELS } from '../sidePanel/checklist.js';
import { PUPIL_CHECK_LABELS } from '../sidePanel/pupilChecks.js';
import { cardEntries, raiseEntries } from './alertEntries.js';
import { nameOf, type Entry, type EntryKind } from './entries.js';
import type { Concern } from '../concerns/types.js';
import { concernEntries } from './concernEntries.js';

export type { EntryKind } from './entries.js';

/** One line of the timeline: when, what kind of thing, and what happened. */
export interface TimelineEntry {
  at: number;
  /** The school's wall-clock time, e.g. `09:05 GMT`. */
  time: string;
  kind: EntryKind;
  /** Set on alerts: how serious the finding was. */
  severity?: 'info' | 'warning' | 'critical';
  text: string;
}

/** The lesson record as the tab shows it. */
export interface LessonRecordView {
  meetingId: string;
  title: string;
  /** The day of the lesson in the school's time zone (`YYYY-MM-DD`), when it is known. */
  date?: string;
  timeZone: string;
  /** Still going: the record so far. */
  inProgress: boolean;
  entries: TimelineEntry[];
}

// At the same instant the lesson starts first and ends last; a join comes before the alert it caused, and so on.
const RANK: Record<EntryKind, number> = {
  lesson: 0,
  presence: 1,
  check: 2,
  breach: 3,
  alert: 4,
  told: 5,
  acknowledged: 6,
  cleared: 7,
  card: 8,
  concern: 9,
};

/** The timeline of one lesson, oldest first, with times in the school's time zone. */
export function lessonTimeline(
  record: Pick<LessonBook, 'state' | 'alerts' | 'deliveries'>,
  policy: Policy,
  concerns: readonly Concern[] = [],
): LessonRecordView {
  const { state } = record;
  const timeZone = policy.school.timeZone;
  const entries: Entry[] = [
    ...lessonEntries(state),
    ...presenceEntries(state),
    ...checklistEntries(state),
    ...pupilCheckEntries(state),
    ...breachEntries(state),
    ...raiseEntries(record),
    ...cardEntries(record),
    ...concernEntries(concerns, state.meetingId),
  ];
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at - b.entry.at || rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => ({ ...entry, time: formatInZone(entry.at, timeZone).slice(11) }));
  const first = state.startedAt ?? ordered[0]?.at;
  return {
    meetingId: state.meetingId,
    title: state.title || 'Lesson',
    ...(first === undefined ? {} : { date: formatInZone(first, timeZone).slice(0, 10) }),
    timeZone,
    inProgress: state.endedAt === undefined,
    entries: ordered,
  };
}

function rank(entry: Entry): number {
  if (entry.kind !== 'lesson') return RANK[entry.kind];
  return entry.text === STARTED ? -1 : 99;
}

const STARTED = 'The lesson started.';

function lessonEntries(state: MeetingState): Entry[] {
  const entries: Entry[] = [];
  if (state.startedAt !== undefined) entries.push({ at: state.startedAt, kind: 'lesson', text: STARTED });
  if (state.endedAt !== undefined)
    entries.push({ at: state.endedAt, kind: 'lesson', text: 'The meeting ended for everyone.' });
  return entries;
}

const ROLE_WORDS: Record<PersonRecord['role'], string> = {
  staff: 'staff',
  pupil: 'pupil',
  guest: 'guest',
  unknown: 'not known to the school',
};

/** "Ms Adams (staff)": the role the school gives the person (a guest is never counted as staff). */
function who(person: PersonRecord): string {
  const role = isStaff(person)
    ? 'staff'
    : person.guestSeen && person.role === 'staff'
      ? 'guest'
      : ROLE_WORDS[person.role];
  return `${person.name || 'Someone'} (${role})`;
}

function presenceEntries(state: MeetingState): Entry[] {
  const entries: Entry[] = [];
  for (const person of Object.values(state.people)) {
    for (const mark of person.marks) {
      const atEnd = state.endedAt === mark.at && mark.eventId.startsWith('close@');
      const text =
        mark.type === 'join'
          ? mark.reconciled
            ? `Teams showed ${who(person)} was in the meeting.`
            : `${who(person)} joined.`
          : atEnd
            ? `${who(person)} was still in the meeting when it ended.`
            : mark.reconciled
              ? `Teams showed ${who(person)} was no longer in the meeting.`
              : `${who(person)} left.`;
      entries.push({ at: mark.at, kind: 'presence', text });
    }
  }
  return entries;
}

function checklistEntries(state: MeetingState): Entry[] {
  return Object.entries(state.checklist).flatMap(([item, tick]) => {
    if (!tick) return [];
    const label = CHECKLIST_LABELS[item as keyof typeof CHECKLIST_LABELS] ?? item;
    const done = tick.ticked ? 'ticked' : 'unticked';
    return [
      { at: tick.at, kind: 'check' as const, text: `${nameOf(state, tick.by)} ${done} "${label}" on the checklist.` },
    ];
  });
}

function pupilCheckEntries(state: MeetingState): Entry[] {
  const entries: Entry[] = [];
  for (const pupil of Object.values(state.people)) {
    for (const check of PUPIL_CHECKS) {
      const recorded = pupil.checks[check];
      if (!recorded) continue;
      const answer = pupilCheckState(pupil, check);
      const what = `"${PUPIL_CHECK_LABELS[check]}" for ${pupil.name || 'a pupil'}`;
      const text = answer === 'notYet' ? `set ${what} back to "not yet"` : `recorded ${what} as ${answer}`;
      entries.push({ at: recorded.at, kind: 'check', text: `${nameOf(state, recorded.by)} ${text}.` });
    }
  }
  return entries;
}

function breachEntries(state: MeetingState): Entry[] {
  return state.breaches.map((breach) => ({
    at: breach.at,
    kind: 'breach' as const,
    text: `${nameOf(state, breach.by)} reported a breach or serious misconduct${breach.note ? `: "${breach.note}"` : '.'}`,
  }));
}
