/**
 * Dates and times in the school's time zone: exports and cards show wall-clock time where the
 * school is, with the zone's abbreviation so a filed record is never ambiguous.
 */
import { zoneParts } from '../domain/zoneParts.js';

const STAMP = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
} as const;
const LESSON_TIME = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;

function parts(at: number, timeZone: string): Record<string, string> {
  return zoneParts(STAMP, at, timeZone);
}

/** `2026-03-12 10:02 GMT` (or `BST`, etc.): the school's wall-clock time with its zone. */
export function formatInZone(at: number, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** `2026-03-12 10:02` in the school's zone, for a spreadsheet cell; empty when there is no time. */
export function localStamp(at: number | undefined, timeZone: string): string {
  return at === undefined ? '' : formatInZone(at, timeZone).slice(0, 16);
}

/** `Tue 10 Mar 09:00`: when a lesson started, as a teacher says it (the school's wall clock). */
export function formatLessonTime(at: number, timeZone: string): string {
  const p = zoneParts(LESSON_TIME, at, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute}`;
}

/** The date (`YYYY-MM-DD`) and time (`HH:MM`) in the school's zone, for pre-filling a form. */
export function localDateAndTime(at: number, timeZone: string): { date: string; time: string } {
  const p = parts(at, timeZone);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * The instant at which the school's clocks showed `date` `time`, or undefined when either is not
 * a real date/time. A time the clocks skipped when they went forward is read an hour later (01:30
 * on the morning British Summer Time starts is 02:30 BST); a time the autumn hour repeats is its
 * first reading (01:30 BST).
 */
export function zonedToEpoch(date: string, time: string, timeZone: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(asUtc).getUTCDate() !== day) return undefined;
  // Clocks change at most once a day: the answer uses the zone's offset a day before or a day after.
  const offsetAt = (instant: number): number => {
    const p = parts(instant, timeZone);
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - instant;
  };
  const [before, after] = [asUtc - offsetAt(asUtc - DAY_MS), asUtc - offsetAt(asUtc + DAY_MS)];
  const shows = (instant: number) => offsetAt(instant) === asUtc - instant;
  // The earlier reading of a repeated hour; a skipped time, by the offset from before the change (an hour on).
  return shows(before) ? before : shows(after) ? after : before;
}

const DAY_MS = 86_400_000;
