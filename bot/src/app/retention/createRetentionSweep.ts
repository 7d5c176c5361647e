/**
 * The retention sweep on a schedule. Every instance calls it from its periodic tick; it does a
 * pass once a day (sooner while a backlog remains) and returns at once otherwise. Instances do
 * not coordinate: every deletion is safe to repeat, and a pass over a store with nothing to delete
 * costs one small query per school.
 */
import { errorFacts } from '../errorFacts.js';
import type { RequestKeys } from '../sidePanel/recordStaffAction.js';
import type { RetentionSummary } from './ports.js';
import { sweepExpiredLessons, type RetentionPassDeps } from './sweepExpiredLessons.js';

/** Time between passes once nothing is left to delete. */
export const RETENTION_INTERVAL_MS = 86_400_000;
/** Time before the next pass while lessons are left over from one that reached its limit. */
export const BACKLOG_INTERVAL_MS = 60_000;
/** Time before the next pass after storage failed part-way. */
export const AFTER_FAILURE_MS = 3_600_000;
const DEFAULT_MAX_LESSONS = 100;
/** Side-panel request ids are kept this long: far beyond any retry of one action, then deleted. */
export const REQUEST_KEY_DAYS = 7;
/** Bookings (request id, fingerprint and the lesson booked) are kept this long after they were made. */
export const BOOKING_DAYS = 30;
const MAX_REQUEST_KEYS = 1_000;

/** Dependencies of {@link createRetentionSweep}: a pass's, with its limit optional. */
export interface RetentionSweepDeps extends Omit<RetentionPassDeps, 'maxLessons'> {
  /** Most lessons one pass looks at (default 100). */
  maxLessonsPerPass?: number;
  /** Request ids (idempotency keys), deleted once older than {@link REQUEST_KEY_DAYS}. */
  requestKeys?: Pick<RequestKeys, 'forgetBefore'>;
  /** Bookings, deleted {@link BOOKING_DAYS} after they were made. */
  bookings?: Pick<RequestKeys, 'forgetBefore'>;
}

/**
 * Builds the scheduled sweep. Call the result with the current time as often as you like: it
 * resolves to the pass's summary when a pass was due, and to undefined when none was (or one is
 * still running). The first call does a pass.
 */
export function createRetentionSweep(deps: RetentionSweepDeps): (now: number) => Promise<RetentionSummary | undefined> {
  const maxLessons = deps.maxLessonsPerPass ?? DEFAULT_MAX_LESSONS;
  let nextPassAt = -Infinity;
  let running = false;
  return async function retentionSweep(now: number): Promise<RetentionSummary | undefined> {
    if (running || now < nextPassAt) return undefined;
    running = true;
    try {
      const summary = await sweepExpiredLessons({ ...deps, maxLessons }, now);
      const requestKeys = await forgetOld(deps.requestKeys, now - REQUEST_KEY_DAYS * RETENTION_INTERVAL_MS, deps);
      const bookings = await forgetOld(deps.bookings, now - BOOKING_DAYS * RETENTION_INTERVAL_MS, deps);
      const more = summary.more || requestKeys === MAX_REQUEST_KEYS || bookings === MAX_REQUEST_KEYS;
      nextPassAt = now + (!more ? RETENTION_INTERVAL_MS : summary.failed > 0 ? AFTER_FAILURE_MS : BACKLOG_INTERVAL_MS);
      const { lessons, rows, indexRows, kept, failed } = summary;
      deps.logger.info(
        { lessons, rows, indexRows, kept, failed, more, requestKeys, bookings },
        'Retention pass finished: old lesson records deleted (counts only).',
      );
      return summary;
    } finally {
      running = false;
    }
  };
}

/** Deletes old request ids (or bookings) made before `cutoff`; a failure is logged and left for the next pass. */
async function forgetOld(
  store: Pick<RequestKeys, 'forgetBefore'> | undefined,
  cutoff: number,
  deps: Pick<RetentionSweepDeps, 'logger'>,
): Promise<number> {
  if (!store) return 0;
  try {
    return await store.forgetBefore(cutoff, MAX_REQUEST_KEYS);
  } catch (error) {
    deps.logger.warn(
      { err: errorFacts(error) },
      'Could not delete old request ids or bookings; the next retention pass tries again.',
    );
    return 0;
  }
}
