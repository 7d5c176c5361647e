/**
 * One bounded pass of the retention sweep. For each school, the lessons its index lists as started
 * more than the policy's `retentionDays` ago are checked against the lesson itself and deleted
 * whole. Concerns are never touched: they are the school's record and carry their own copy of the
 * lesson's title and meeting id. Every step is safe to repeat, and the index entry is removed
 * last, so a pass that stops half-way leaves the lesson findable and the next pass finishes it.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { MeetingState } from '../../domain/types.js';
import { errorFacts } from '../errorFacts.js';
import type { Logger, MeetingKey, MeetingStore } from '../ports.js';
import { localDateAndTime } from '../time.js';
import type { SchoolBoardStore, SeniorCardStore } from '../schoolView/ports.js';
import type { IndexedLesson, RetentionStore, RetentionSummary } from './ports.js';

const DAY_MS = 86_400_000;

/** Dependencies of {@link sweepExpiredLessons}. */
export interface RetentionPassDeps {
  store: RetentionStore;
  /** Reads the lesson itself, which knows whether it was used again after it was indexed. */
  meetings: Pick<MeetingStore, 'load'>;
  policyFor(tenantId: string): Policy;
  /** Most lessons one pass looks at; the rest wait for the next pass. */
  maxLessons: number;
  /** For failures, by error name only. */
  logger: Logger;
  /** The school view's board: its days older than the retention period go too. */
  board?: Pick<SchoolBoardStore, 'schools' | 'expireBefore'>;
  /** The senior team's card outboxes: those older than the retention period go too. */
  seniorCards?: Pick<SeniorCardStore, 'expireBefore'>;
}

/** Runs one pass at `now` (epoch ms); never throws: failures are counted and logged. */
export async function sweepExpiredLessons(deps: RetentionPassDeps, now: number): Promise<RetentionSummary> {
  const summary: RetentionSummary = { lessons: 0, rows: 0, indexRows: 0, kept: 0, failed: 0, more: false };
  let budget = deps.maxLessons;
  await expireSchoolDays(deps, now, summary);
  try {
    for await (const tenantId of deps.store.tenants()) {
      const cutoff = now - deps.policyFor(tenantId).retentionDays * DAY_MS;
      for await (const indexed of deps.store.startedBefore(tenantId, cutoff)) {
        if (budget === 0) return { ...summary, more: true };
        budget -= 1;
        try {
          await expire(deps, { tenantId, meetingId: indexed.meetingId }, indexed, cutoff, summary);
        } catch (error) {
          summary.failed += 1;
          deps.logger.warn(
            { err: errorFacts(error) },
            'Could not remove an old lesson record; the next retention pass tries again.',
          );
        }
      }
    }
  } catch (error) {
    deps.logger.warn(
      { err: errorFacts(error) },
      'Could not list old lesson records; the next retention pass tries again.',
    );
    return { ...summary, failed: summary.failed + 1, more: true };
  }
  return summary;
}

/**
 * For every school with a school view (a school whose lessons were only ever scheduled has no lesson
 * index), removes its days and senior team cards older than its retention period, in its own zone.
 */
async function expireSchoolDays(deps: RetentionPassDeps, now: number, summary: RetentionSummary): Promise<void> {
  if (!deps.board) return;
  try {
    for await (const tenantId of deps.board.schools()) {
      const policy = deps.policyFor(tenantId);
      const cutoff = now - policy.retentionDays * DAY_MS;
      await expireBoard(deps, tenantId, localDateAndTime(cutoff, policy.school.timeZone).date, summary);
    }
  } catch (error) {
    summary.failed += 1;
    deps.logger.warn(
      { err: errorFacts(error) },
      'Could not list the schools with a school view; the next pass tries again.',
    );
  }
}

/** Removes the school view's days and senior team cards before `day`; a failure is counted, tried next pass. */
async function expireBoard(
  deps: RetentionPassDeps,
  tenantId: string,
  day: string,
  summary: RetentionSummary,
): Promise<void> {
  try {
    for (const store of [deps.board, deps.seniorCards])
      if (store) summary.rows += await store.expireBefore(tenantId, day);
  } catch (error) {
    summary.failed += 1;
    deps.logger.warn({ err: errorFacts(error) }, 'Could not remove old school view days; the next pass tries again.');
  }
}

async function expire(
  deps: RetentionPassDeps,
  key: MeetingKey,
  indexed: IndexedLesson,
  cutoff: number,
  summary: RetentionSummary,
): Promise<void> {
  const state = (await deps.meetings.load(key))?.state;
  if (state && lastActivity(state) >= cutoff) {
    // The meeting was used again (reopened, or a recurring link): the whole record stays until
    // that use is old too. An entry for an earlier start moves to the latest one.
    summary.kept += 1;
    if (state.startedAt === undefined || state.startedAt === indexed.startedAt) return;
    await deps.store.reindex(key, state.startedAt);
    if (await deps.store.unindex(key.tenantId, indexed)) summary.indexRows += 1;
    return;
  }
  // No snapshot: an earlier pass stopped part-way, so whatever it left is deleted all the same.
  const rows = await deps.store.deleteLesson(key);
  const unindexed = await deps.store.unindex(key.tenantId, indexed);
  if (rows > 0) summary.lessons += 1;
  summary.rows += rows;
  if (unindexed) summary.indexRows += 1;
}

/** The latest time the lesson was in use, as its own record says. */
function lastActivity(state: MeetingState): number {
  return Math.max(state.startedAt ?? -Infinity, state.endedAt ?? -Infinity, state.lastEventAt ?? -Infinity);
}
