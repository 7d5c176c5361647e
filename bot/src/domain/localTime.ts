/**
 * Wall-clock time in a school's time zone, from epoch milliseconds, with `Intl` only (the domain
 * never reads the clock itself).
 */

/** Local weekday (ISO: 1 = Monday ... 7 = Sunday) and time of day. */
export interface LocalTime {
  weekday: number;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The local weekday and time of day at `at` in `timeZone` (an IANA name). */
export function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const ms =
    ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 +
    (((at % 1000) + 1000) % 1000);
  return { weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0, msOfDay: ms };
}

/** Milliseconds since midnight of an `HH:MM` time. */
export function clockToMs(clock: string): number {
  const [hours, mins] = clock.split(':').map(Number);
  return ((hours ?? 0) * 60 + (mins ?? 0)) * 60_000;
}
