import { errorFacts } from '../errorFacts.js';
import type { ApplyOutcome } from './applyMeetingEvent.js';
import type { Escalation } from '../delivery/escalation.js';
import type { LessonDeliveries } from '../delivery/lessonDeliveries.js';
import { ONE_TO_ONE_KEY, type RecordOneToOneConcern } from '../lessonRoutines/oneToOneConcern.js';
import type { Clock, Logger, MeetingKey } from '../ports.js';

/** What follows a change to a lesson: its owed messages are sent, and a one-to-one is recorded for the DSL. */
export type Settle = (
  key: MeetingKey,
  outcome: Pick<ApplyOutcome, 'record' | 'started' | 'owesDelivery'>,
) => Promise<void>;

/** Dependencies of {@link createSettle}. */
export interface SettleDeps {
  deliveries: Pick<LessonDeliveries, 'kick'>;
  oneToOne: RecordOneToOneConcern;
  /** Sets the escalation timer of a critical alert the DSLs must acknowledge. */
  escalation?: Pick<Escalation, 'step'>;
  clock: Clock;
  logger: Logger;
}

/**
 * The messages themselves were planned in the same write as the findings (the lesson's outbox);
 * settling sends them now rather than at the next sweep, records the concern the policy asks
 * for when one adult is alone with one pupil, and starts the escalation of a critical alert.
 */
export function createSettle(deps: SettleDeps): Settle {
  return async (key, outcome) => {
    if (outcome.started.some((f) => f.key === ONE_TO_ONE_KEY)) {
      try {
        await deps.oneToOne(key, outcome.record.state, deps.clock.now());
      } catch (error) {
        deps.logger.error({ err: errorFacts(error) }, 'one-to-one concern could not be recorded');
      }
    }
    if (outcome.owesDelivery) await deps.deliveries.kick(key);
    if (deps.escalation && outcome.started.some((f) => f.severity === 'critical' && f.audience.includes('dsl'))) {
      try {
        await deps.escalation.step(key);
      } catch (error) {
        // The alert itself is sent; the deputies' timer is set again by the next sweep of this lesson.
        deps.logger.error({ err: errorFacts(error) }, 'escalation timer could not be set');
      }
    }
  };
}
