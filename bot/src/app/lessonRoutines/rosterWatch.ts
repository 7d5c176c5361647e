/**
 * Periodic roster reconciliation while pupils are present (DESIGN.md 6a, issue 4 "A roster you can
 * trust"): a `roster` timer every few minutes per lesson asks Teams who is in the call, so a missed
 * leave or join event is corrected within minutes rather than never. Rate-limited per lesson by
 * the snapshot's `rosterCheckedAt` (any instance's check counts), bounded by the roster source
 * (participant lookups capped and a few at a time), and the chain stops when no pupil is present.
 */
import { pupilsPresent } from '../../domain/presence.js';
import type { MeetingState } from '../../domain/types.js';
import type { MeetingKey, MeetingStore, TimerStore } from '../ports.js';
import type { TimerHandler } from '../sweepTimers.js';
import { reconcileRoster, type ReconcileRosterDeps } from './reconcileRoster.js';

/** The timer reason of a roster check. */
export const ROSTER_REASON = 'roster';

/** Default minutes between two roster checks of one lesson. */
const DEFAULT_INTERVAL_MS = 3 * 60_000;
/** Lessons this instance remembers having scheduled a check for (bounded memory). */
const MAX_PENDING = 5_000;

/** Dependencies of {@link createRosterWatch}. */
export interface RosterWatchDeps extends ReconcileRosterDeps {
  meetings: Pick<MeetingStore, 'load'>;
  timers: TimerStore;
  /** Time between two checks of one lesson (default 3 minutes). */
  intervalMs?: number;
}

/** The roster watch: `watch` after each event, `onTimer` for the sweep's `roster` timers. */
export interface RosterWatch {
  /** Schedules the next check when pupils are present and none is pending. */
  watch(key: MeetingKey, state: MeetingState): Promise<void>;
  /** Runs one check now (what a due `roster` timer does). */
  check(key: MeetingKey): Promise<void>;
  /** The sweep's handler for a due `roster` timer: runs the check; a failure is logged, not retried. */
  onTimer: TimerHandler;
}

/** Builds the roster watch. */
export function createRosterWatch(deps: RosterWatchDeps): RosterWatch {
  const interval = deps.intervalMs ?? DEFAULT_INTERVAL_MS;
  const pending = new Map<string, number>();
  const id = (key: MeetingKey) => `${key.tenantId}\u0000${key.meetingId}`;
  const needsWatching = (state: MeetingState) => state.address !== undefined && pupilsPresent(state).length > 0;

  async function scheduleAt(key: MeetingKey, dueAt: number): Promise<void> {
    if (pending.size >= MAX_PENDING) pending.clear();
    await deps.timers.schedule(key, dueAt, ROSTER_REASON);
    pending.set(id(key), dueAt);
  }

  async function watch(key: MeetingKey, state: MeetingState): Promise<void> {
    const now = deps.clock.now();
    if (!needsWatching(state) || (pending.get(id(key)) ?? 0) > now) return;
    await scheduleAt(key, Math.max(now, state.rosterCheckedAt ?? 0) + interval);
  }

  async function check(key: MeetingKey): Promise<void> {
    pending.delete(id(key));
    let state = (await deps.meetings.load(key))?.state;
    if (!state || !needsWatching(state)) return;
    const now = deps.clock.now();
    const checkedAt = state.rosterCheckedAt;
    // Someone (another instance, or the check before a critical alert) asked Teams recently enough.
    if (checkedAt !== undefined && now - checkedAt < interval) {
      await scheduleAt(key, checkedAt + interval);
      return;
    }
    const outcome = await reconcileRoster(deps, key, state);
    if (outcome) state = outcome.record.state;
    if (needsWatching(state)) await scheduleAt(key, now + interval);
  }

  // The next check is scheduled by the events that follow, so a failed one is not retried here.
  const onTimer: TimerHandler = (timer) => check(timer.key).catch((error: unknown) => deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'roster check failed'));
  return { watch, check, onTimer };
}
