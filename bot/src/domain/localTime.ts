/**
 * Wall-clock time in a school's time zone, from epoch milliseconds, with `Intl` only (the domain
 * never reads the clock itself). Formatting an instant is the costly part, and every event of every
 * lesson of a school asks about much the same few minutes (now, the lesson's start), so each zone
 * remembers the minutes it was last asked about.
 */
import { zoneParts } from './zoneParts.js';

/** Local weekday (ISO: 1 = Monday ... 7 = Sunday) and time of day. */
export interface LocalTime {
  weekday: number;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

const MINUTE = 60_000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const FIELDS = { weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } as const;

/**
 * One UTC minute of a zone. When the zone's offset is the same at its first and last millisecond and
 * the local day does not change within it, `start` is its first instant's local time, and (offsets
 * change at most once a minute) every instant of it is `start` plus the milliseconds since. Else
 * there is no `start`, and each instant of that minute is formatted on its own.
 */
interface SteadyMinute {
  start?: LocalTime;
}

/** How many minutes each zone remembers: now and the starts of the lessons being evaluated. */
const MINUTES_KEPT = 32;
/** The minutes last asked about, per zone (the zones the policies name), oldest first. */
const minutesByZone = new Map<string, Map<number, SteadyMinute>>();

/** The local time at `at`, formatted (no cache). */
function formatted(at: number, timeZone: string): LocalTime {
  const parts = zoneParts(FIELDS, at, timeZone);
  const ms =
    ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 +
    (((at % 1000) + 1000) % 1000);
  return { weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0, msOfDay: ms };
}

function steadyMinute(minute: number, timeZone: string): SteadyMinute {
  const first = formatted(minute * MINUTE, timeZone);
  const last = formatted(minute * MINUTE + MINUTE - 1, timeZone);
  const steady = first.weekday === last.weekday && last.msOfDay - first.msOfDay === MINUTE - 1;
  return steady ? { start: first } : {};
}

function minuteOf(minute: number, timeZone: string): SteadyMinute {
  let minutes = minutesByZone.get(timeZone);
  if (!minutes) minutesByZone.set(timeZone, (minutes = new Map()));
  let known = minutes.get(minute);
  if (!known) {
    known = steadyMinute(minute, timeZone);
    minutes.set(minute, known);
    if (minutes.size > MINUTES_KEPT) minutes.delete(minutes.keys().next().value!);
  }
  return known;
}

/** The local weekday and time of day at `at` in `timeZone` (an IANA name). */
export function localTime(at: number, timeZone: string): LocalTime {
  const minute = Math.floor(at / MINUTE);
  const { start } = minuteOf(minute, timeZone);
  if (!start) return formatted(at, timeZone);
  return { weekday: start.weekday, msOfDay: start.msOfDay + (at - minute * MINUTE) };
}

/** Milliseconds since midnight of an `HH:MM` time. */
export function clockToMs(clock: string): number {
  const [hours, mins] = clock.split(':').map(Number);
  return ((hours ?? 0) * 60 + (mins ?? 0)) * 60_000;
}
