/**
 * Periodic roster reconciliation while pupils are present (DESIGN.md §6a Platform realities:
 * participant events are not fully reliable): a `roster` timer every few minutes per lesson asks
 * Teams who is in the call, so a missed leave or join event is corrected within minutes rather than
 * never. Rate-limited per lesson by the snapshot's `rosterCheckedAt` (any instance's check counts),
 * bounded by the roster source (participant lookups capped and a few at a time), and the chain
 * stops when the lesson has ended or no pupil is present. A lesson whose Teams does not answer is
 * asked less and less often (one lesson's dead connector must not crowd out the others), and not at
 * all once nothing has been heard of it for longer than any lesson lasts.
 */
import { pupilsPresent } from '../../domain/presence.js';
import type { MeetingState } from '../../domain/types.js';
import { errorFacts } from '../errorFacts.js';
import type { MeetingKey, MeetingStore, TimerStore } from '../ports.js';
import type { TimerHandler } from '../lesson/sweepTimers.js';
import { reconcileRoster, type ReconcileRosterDeps } from './reconcileRoster.js';

/** The timer reason of a roster check. */
export const ROSTER_REASON = 'roster';

/** Default minutes between two roster checks of one lesson. */
const DEFAULT_INTERVAL_MS = 3 * 60_000;
/** The longest wait between two checks while Teams keeps not answering (the interval doubles up to it). */
const MAX_BACKOFF_MS = 15 * 60_000;
/** Longer than any lesson: no event and no answer from Teams for this long means it ended unseen. */
const QUIET_LIMIT_MS = 4 * 60 * 60_000;
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

/**
 * Whether a lesson's roster is worth asking Teams about. Its end closes everyone's presence, so an ended lesson has no
 * pupil present.
 */
function needsWatching(state: MeetingState): boolean {
  return state.address !== undefined && pupilsPresent(state).length > 0;
}

/** Builds the roster watch. */
export function createRosterWatch(deps: RosterWatchDeps): RosterWatch {
  const interval = deps.intervalMs ?? DEFAULT_INTERVAL_MS;
  const longest = Math.max(interval, MAX_BACKOFF_MS);
  const pending = new Map<string, number>();
  // Checks in a row that Teams did not answer, per lesson; this instance's view (another instance starts afresh).
  const unanswered = new Map<string, number>();
  const id = (key: MeetingKey) => `${key.tenantId}\u0000${key.meetingId}`;

  async function scheduleAt(key: MeetingKey, dueAt: number): Promise<void> {
    if (pending.size >= MAX_PENDING) pending.clear();
    await deps.timers.schedule(key, dueAt, ROSTER_REASON);
    pending.set(id(key), dueAt);
  }

  const forget = (key: MeetingKey): void => void unanswered.delete(id(key));

  /** How many checks in a row Teams has now left unanswered for the lesson. */
  function unansweredAfter(key: MeetingKey, answered: boolean): number {
    if (answered) {
      unanswered.delete(id(key));
      return 0;
    }
    if (unanswered.size >= MAX_PENDING) unanswered.clear();
    const streak = (unanswered.get(id(key)) ?? 0) + 1;
    unanswered.set(id(key), streak);
    return streak;
  }

  async function watch(key: MeetingKey, state: MeetingState): Promise<void> {
    const now = deps.clock.now();
    if (!needsWatching(state) || (pending.get(id(key)) ?? 0) > now) return;
    await scheduleAt(key, Math.max(now, state.rosterCheckedAt ?? 0) + interval);
  }

  async function check(key: MeetingKey): Promise<void> {
    pending.delete(id(key));
    let state = (await deps.meetings.load(key))?.state;
    if (!state || !needsWatching(state)) return forget(key);
    const now = deps.clock.now();
    const checkedAt = state.rosterCheckedAt;
    // Someone (another instance, or the check before a critical alert) asked Teams recently enough.
    if (checkedAt !== undefined && now - checkedAt < interval) {
      await scheduleAt(key, checkedAt + interval);
      return;
    }
    const outcome = await reconcileRoster(deps, key, state);
    if (outcome) state = outcome.record.state;
    const streak = unansweredAfter(key, outcome !== undefined);
    if (!needsWatching(state)) return forget(key);
    const quietFor = now - (state.lastEventAt ?? now);
    if (streak > 0 && quietFor > QUIET_LIMIT_MS) {
      const quietMinutes = Math.round(quietFor / 60_000);
      deps.logger.info(
        { unanswered: streak, quietMinutes },
        'roster watch ended: nothing heard of the lesson for hours and Teams does not answer',
      );
      return forget(key);
    }
    await scheduleAt(key, now + Math.min(interval * 2 ** streak, longest));
  }

  // The next check is scheduled by the events that follow, so a failed one is not retried here.
  const onTimer: TimerHandler = (timer) =>
    check(timer.key).catch((error: unknown) => deps.logger.error({ err: errorFacts(error) }, 'roster check failed'));
  return { watch, check, onTimer };
}
