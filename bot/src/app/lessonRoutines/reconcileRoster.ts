/**
 * Asks Teams who is really in the meeting (participant events go missing: DESIGN.md 6a) and applies
 * the difference as one `rosterReconciled` event. Used by the periodic roster watch and by the
 * settle step before a critical alert goes out.
 */
import type { MeetingEvent, MeetingState } from '../../domain/types.js';
import { errorFacts } from '../errorFacts.js';
import type { ApplyMeetingEvent, ApplyOutcome } from '../lesson/applyMeetingEvent.js';
import type { Clock, Logger, MeetingKey, RosterSource } from '../ports.js';

/** Dependencies of {@link reconcileRoster}. */
export interface ReconcileRosterDeps {
  roster: RosterSource;
  applyEvent: ApplyMeetingEvent;
  clock: Clock;
  logger: Logger;
}

/** The outcome of applying what Teams said, or undefined when Teams could not say (or failed). */
export async function reconcileRoster(
  deps: ReconcileRosterDeps,
  key: MeetingKey,
  state: MeetingState,
): Promise<ApplyOutcome | undefined> {
  if (!state.address) return undefined;
  const people = Object.values(state.people);
  let truth: Map<string, boolean> | undefined;
  try {
    truth = await deps.roster.inMeeting(
      { key, ...state.address, title: state.title },
      people.map((p) => ({ id: p.id, teamsId: p.teamsId })),
    );
  } catch (error) {
    deps.logger.warn({ err: errorFacts(error) }, 'roster check failed; keeping the roster from events');
    return undefined;
  }
  if (!truth) return undefined;
  const now = deps.clock.now();
  const present = people.filter((p) => truth.get(p.id) === true);
  const absent = people.filter((p) => truth.get(p.id) === false).map((p) => p.id);
  const event: MeetingEvent = { kind: 'rosterReconciled', id: `roster:${now}`, at: now, present, absent };
  return deps.applyEvent(key, event, state.address);
}
