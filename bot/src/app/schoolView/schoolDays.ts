/**
 * School days as the report names them: `YYYY-MM-DD` dates on the school's own calendar, counted
 * and stepped as dates (never as 24-hour spans, which a clock change would shift). Pure.
 */
import { localDateAndTime } from '../time.js';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date's midnight UTC, or undefined when it is not a real date written `YYYY-MM-DD`. */
function utcOf(day: string): number | undefined {
  const m = DATE.exec(day);
  if (!m) return undefined;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(at).toISOString().slice(0, 10) === day ? at : undefined;
}

/** Whether `day` is a real date written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  return utcOf(day) !== undefined;
}

/** The date `n` days after `day` (before, for negative `n`); `day` must be a real date. */
export function addDays(day: string, n: number): string {
  return new Date((utcOf(day) ?? NaN) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted (1 for the same day; 0 or less when `to` is before `from`). */
export function daysFromTo(from: string, to: string): number {
  return Math.round(((utcOf(to) ?? NaN) - (utcOf(from) ?? NaN)) / DAY_MS) + 1;
}

/** 1 (Monday) to 7 (Sunday). */
export function isoWeekday(day: string): number {
  return ((new Date(utcOf(day) ?? NaN).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week `day` is in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The school's date at `at`. */
export function schoolDay(at: number, timeZone: string): string {
  return localDateAndTime(at, timeZone).date;
}

const LABEL = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });

/** `Mon 23 Nov`: a day as a person says it. */
export function dayLabel(day: string): string {
  const p = Object.fromEntries(LABEL.formatToParts(new Date(utcOf(day) ?? NaN)).map((part) => [part.type, part.value]));
  return `${p.weekday} ${p.day} ${p.month}`;
}
