/**
 * Times on the booking form are the school's wall-clock times, whatever zone the teacher's computer
 * is in. `Intl` only: the offset of the zone at that moment (summer time included) is read, not guessed.
 */

const MINUTE = 60_000;
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    offsetFormats.set(timeZone, format);
  }
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(at)) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
  return wall - Math.floor(at / MINUTE) * MINUTE;
}

/**
 * The moment `date` (`YYYY-MM-DD`) at `time` (`HH:MM`) on the school's clock, or undefined when either is
 * not a real date or time. In the hour skipped when clocks go forward, the time after the change is taken.
 */
export function schoolMoment(date: string, time: string, timeZone: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d[3])) return undefined;
  // Two passes settle the offset on either side of a clock change.
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** The school's calendar day (`YYYY-MM-DD`) and wall-clock time (`HH:MM`) at `at`, as the form's fields take them. */
export function schoolDateAndTime(at: number, timeZone: string): { date: string; time: string } {
  const wall = new Date(at + offsetAt(at, timeZone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Wednesday 6 March" and "10:00" on the school's clock. */
export function schoolDayAndTimeParts(at: number, timeZone: string): { day: string; time: string } {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dayFormats.set(timeZone, format);
  }
  const p: Record<string, string> = {};
  for (const part of format.formatToParts(at)) p[part.type] = part.value;
  return { day: `${p.weekday} ${p.day} ${p.month}`, time: `${p.hour}:${p.minute}` };
}

/** "Wednesday 6 March, 10:00" on the school's clock. */
export function schoolDayAndTime(at: number, timeZone: string): string {
  const { day, time } = schoolDayAndTimeParts(at, timeZone);
  return `${day}, ${time}`;
}
