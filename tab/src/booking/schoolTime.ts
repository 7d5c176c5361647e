/**
 * Times on the booking form are the school's wall-clock times, whatever zone the teacher's computer
 * is in. Reading a typed day and time, and filling the fields, use the server's own functions
 * (`bot/src/app/time.ts`: `zonedToEpoch`, `localDateAndTime`), so the form and the server agree.
 */
import { zoneParts } from '../../../bot/src/domain/zoneParts.js';

const DAY_AND_TIME = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;

/** "Wednesday 6 March" and "10:00" on the school's clock. */
export function schoolDayAndTimeParts(at: number, timeZone: string): { day: string; time: string } {
  const p = zoneParts(DAY_AND_TIME, at, timeZone);
  return { day: `${p.weekday} ${p.day} ${p.month}`, time: `${p.hour}:${p.minute}` };
}

/** "Wednesday 6 March, 10:00" on the school's clock. */
export function schoolDayAndTime(at: number, timeZone: string): string {
  const { day, time } = schoolDayAndTimeParts(at, timeZone);
  return `${day}, ${time}`;
}
