import type { Finding, MeetingEvent } from '../domain/types.js';
import type { ApplyMeetingEvent, ApplyOutcome } from './applyMeetingEvent.js';
import type { DeliverAlerts } from './deliverAlerts.js';
import type { Clock, Logger, MeetingKey, RosterSource } from './ports.js';

/** Delivers what an evaluation started or cleared, after checking the roster where it matters. */
export type Settle = (key: MeetingKey, outcome: Pick<ApplyOutcome, 'record' | 'started' | 'cleared'>) => Promise<void>;

/** Dependencies of {@link createSettle}. */
export interface SettleDeps {
  applyEvent: ApplyMeetingEvent;
  deliver: DeliverAlerts;
  roster?: RosterSource;
  clock: Clock;
  logger: Logger;
}

/**
 * Participant events go missing in production, so before a critical alert goes out the roster is
 * checked against Teams itself; if Teams disagrees, its answer is applied first and only what is
 * still true is sent.
 */
export function createSettle(deps: SettleDeps): Settle {
  return async (key, outcome) => {
    let { started, cleared } = outcome;
    let state = outcome.record.state;
    if (deps.roster && state.address && started.some((f) => f.severity === 'critical')) {
      const checked = await reconcile(deps, key, outcome);
      if (checked) {
        state = checked.record.state;
        const withdrawn = keys(checked.cleared);
        started = [...started.filter((f) => !withdrawn.has(f.key)), ...checked.started];
        const raisedJustNow = keys(outcome.started);
        cleared = [...cleared, ...checked.cleared.filter((f) => !raisedJustNow.has(f.key))];
      }
    }
    if (started.length || cleared.length) await deps.deliver(key, state, started, cleared);
  };
}

/** Asks Teams who is really in the meeting and applies the difference as one event. */
async function reconcile(deps: SettleDeps, key: MeetingKey, outcome: Pick<ApplyOutcome, 'record'>): Promise<ApplyOutcome | undefined> {
  const state = outcome.record.state;
  const people = Object.values(state.people);
  let truth: Map<string, boolean> | undefined;
  try {
    truth = await deps.roster!.inMeeting({ key, serviceUrl: state.address!.serviceUrl, conversationId: state.address!.conversationId, title: state.title }, people.map((p) => ({ id: p.id, teamsId: p.teamsId })));
  } catch (error) {
    deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'roster check failed; alerting from events alone');
    return undefined;
  }
  if (!truth) return undefined;
  const now = deps.clock.now();
  const present = people.filter((p) => truth.get(p.id) === true);
  const absent = people.filter((p) => truth.get(p.id) === false).map((p) => p.id);
  const event: MeetingEvent = { kind: 'rosterReconciled', id: `roster:${now}`, at: now, present, absent };
  return deps.applyEvent(key, event, state.address);
}

function keys(findings: Finding[]): Set<string> {
  return new Set(findings.map((f) => f.key));
}
