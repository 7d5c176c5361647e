/**
 * The school view's list of past lessons: the lessons that ran between two dates, searched by
 * organizer and title, optionally only those with a serious alert, newest first. Each one opens
 * the lesson record. Built from the board rows of those days. Pure.
 */
import type { BoardRow } from './ports.js';

/** One lesson in the list. */
export interface PastLesson {
  meetingId: string;
  title: string;
  organizerName?: string;
  startedAt: number;
  endedAt?: number;
  /** Still running. */
  live: boolean;
  /** The lesson's figures, when they were kept (lessons run before the report existed have none). */
  hadCritical?: boolean;
  minutesOneAdult?: number;
  checksUndone?: number;
  settingsDrift?: boolean;
}

/** What to look for: words of the organizer's name or of the title (any case), serious alerts only. */
export interface LessonSearch {
  organizer?: string;
  title?: string;
  critical?: boolean;
}

/** The list's answer. */
export interface PastLessonsView {
  from: string;
  to: string;
  /** The school's time zone, for the lessons' times. */
  timeZone: string;
  lessons: PastLesson[];
  /** More lessons matched than are listed (the newest are): narrow the dates or the search. */
  more: boolean;
}

/** At most this many lessons in one answer. */
export const MAX_LISTED = 300;

/** The lessons of the rows that match, newest first. */
export function pastLessons(
  rows: ReadonlyArray<Pick<BoardRow, 'entry'>>,
  range: { from: string; to: string; timeZone: string },
  search: LessonSearch,
  limit = MAX_LISTED,
): PastLessonsView {
  const organizer = search.organizer?.trim().toLowerCase();
  const title = search.title?.trim().toLowerCase();
  const matching: PastLesson[] = [];
  for (const { entry } of rows) {
    if (entry.startedAt === undefined) continue;
    if (organizer && !(entry.organizerName ?? '').toLowerCase().includes(organizer)) continue;
    if (title && !entry.title.toLowerCase().includes(title)) continue;
    if (search.critical && !entry.facts?.hadCritical) continue;
    const { facts } = entry;
    matching.push({
      meetingId: entry.meetingId,
      title: entry.title,
      ...(entry.organizerName ? { organizerName: entry.organizerName } : {}),
      startedAt: entry.startedAt,
      ...(entry.endedAt !== undefined ? { endedAt: entry.endedAt } : {}),
      live: entry.live,
      ...(facts
        ? {
            hadCritical: facts.hadCritical,
            minutesOneAdult: facts.minutesOneAdult,
            checksUndone: facts.checksUndone,
            settingsDrift: facts.settingsDrift,
          }
        : {}),
    });
  }
  matching.sort((a, b) => b.startedAt - a.startedAt || a.meetingId.localeCompare(b.meetingId));
  return { ...range, lessons: matching.slice(0, limit), more: matching.length > limit };
}
