/**
 * "This week" for the safeguarding team: lessons run, lessons with a serious alert, minutes pupils
 * had only one adult, how quickly serious alerts were taken, meeting options put right at the
 * start, and pupil checks nobody recorded, for the week, each day and each organizer. Built from
 * the board rows of seven days (each lesson's figures were worked out when it was written). Pure.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { BoardEntry } from './boardEntry.js';
import type { BoardRow } from './ports.js';
import { addDays, dayLabel } from './schoolDays.js';

/** The report's figures for a group of lessons (the week, one day, one organizer). */
export interface WeekFigures {
  /** Lessons that started. */
  lessons: number;
  /** Lessons with a serious alert or a reported breach. */
  withCritical: number;
  /** Minutes with pupils in a lesson and exactly one member of staff. */
  minutesOneAdult: number;
  /** Serious alerts raised. */
  criticalRaises: number;
  /** Serious alerts someone said they were dealing with. */
  acknowledged: number;
  /** Average minutes from a serious alert to someone taking it; absent when nobody took one. */
  averageAcknowledgeMinutes?: number;
  /** Lessons whose meeting options Chaperone had to put right at the start. */
  settingsDrift: number;
  /** Lessons whose meeting options Chaperone could not check at the start. */
  settingsUnchecked: number;
  /** Pupil checks nobody recorded, over every pupil who joined. */
  checksUndone: number;
  /** Lessons whose figures were not kept (run before this report existed): counted as run, nothing more. */
  withoutFigures: number;
}

/** One day of the week, Monday first. */
export interface WeekDay extends WeekFigures {
  day: string;
  /** `Mon 23 Nov`. */
  label: string;
}

/** One organizer's lessons of the week. */
export interface WeekOrganizer extends WeekFigures {
  name: string;
}

/** The week's report, as the tab shows it and the CSV lists it. */
export interface WeekReport {
  school: { name: string; timeZone: string };
  /** The Monday. */
  start: string;
  /** The Sunday. */
  end: string;
  totals: WeekFigures;
  days: WeekDay[];
  /** Most lessons first. */
  organizers: WeekOrganizer[];
}

const NOT_KNOWN = 'Organizer not known';

/** The week from `start` (a Monday), from the board rows of its seven days. */
export function weekReport(
  rows: ReadonlyArray<Pick<BoardRow, 'day' | 'entry'>>,
  start: string,
  policy: Policy,
): WeekReport {
  const run = rows.filter((r) => r.entry.startedAt !== undefined);
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const byOrganizer = new Map<string, { name: string; entries: BoardEntry[] }>();
  for (const { entry } of run) {
    const id = entry.organizerId ?? entry.organizerName ?? '';
    const group = byOrganizer.get(id) ?? { name: NOT_KNOWN, entries: [] };
    // The name is known only from a lesson the organizer joined.
    if (entry.organizerName) group.name = entry.organizerName;
    group.entries.push(entry);
    byOrganizer.set(id, group);
  }
  return {
    school: { name: policy.school.name, timeZone: policy.school.timeZone },
    start,
    end: days[6]!,
    totals: figuresOf(run.map((r) => r.entry)),
    days: days.map((day) => ({
      day,
      label: dayLabel(day),
      ...figuresOf(run.filter((r) => r.day === day).map((r) => r.entry)),
    })),
    organizers: [...byOrganizer.values()]
      .map(({ name, entries }) => ({ name, ...figuresOf(entries) }))
      .sort((a, b) => b.lessons - a.lessons || a.name.localeCompare(b.name)),
  };
}

/** The figures of a group of lessons; the average is over every alert taken, not an average of lessons. */
function figuresOf(entries: readonly BoardEntry[]): WeekFigures {
  const figures: WeekFigures = {
    lessons: entries.length,
    withCritical: 0,
    minutesOneAdult: 0,
    criticalRaises: 0,
    acknowledged: 0,
    settingsDrift: 0,
    settingsUnchecked: 0,
    checksUndone: 0,
    withoutFigures: 0,
  };
  let waited = 0;
  for (const { facts } of entries) {
    if (!facts) {
      figures.withoutFigures += 1;
      continue;
    }
    if (facts.hadCritical) figures.withCritical += 1;
    figures.minutesOneAdult += facts.minutesOneAdult;
    figures.criticalRaises += facts.criticalRaises;
    figures.acknowledged += facts.acknowledgeMinutes.length;
    waited += facts.acknowledgeMinutes.reduce((a, b) => a + b, 0);
    if (facts.settingsDrift) figures.settingsDrift += 1;
    if (facts.settingsUnchecked) figures.settingsUnchecked += 1;
    figures.checksUndone += facts.checksUndone;
  }
  figures.minutesOneAdult = Math.round(figures.minutesOneAdult);
  if (figures.acknowledged) figures.averageAcknowledgeMinutes = Math.round((waited / figures.acknowledged) * 10) / 10;
  return figures;
}
