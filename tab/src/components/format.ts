import { zoneFormat } from '../../../bot/src/domain/zoneParts.js';

const TIME_OF_DAY = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

/** A time of day (`10:05`) in the school's time zone. */
export function timeOfDay(at: number | undefined, timeZone: string): string {
  return at === undefined ? '' : zoneFormat(TIME_OF_DAY, timeZone).format(at);
}

/** A duration as `m:ss` (or `h:mm:ss`), never negative. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
