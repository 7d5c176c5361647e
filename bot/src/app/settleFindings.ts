import type { Finding } from '../domain/types.js';
import type { ApplyMeetingEvent, ApplyOutcome } from './applyMeetingEvent.js';
import type { DeliverAlerts } from './deliverAlerts.js';
import { reconcileRoster } from './lessonRoutines/reconcileRoster.js';
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
      const checked = await reconcileRoster({ roster: deps.roster, applyEvent: deps.applyEvent, clock: deps.clock, logger: deps.logger }, key, state);
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

function keys(findings: Finding[]): Set<string> {
  return new Set(findings.map((f) => f.key));
}
