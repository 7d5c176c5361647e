/**
 * The escalation worker: when a critical alert reaches the DSLs an `escalate` timer is set for the
 * deputies' turn; when it fires and nobody has acknowledged, the deputies' cards are added to the
 * lesson's outbox (sent like every other message), and the next timer is set for the senior
 * leadership team. An acknowledgement, or the finding clearing, ends it.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { Clock, DueTimer, MeetingKey, ParticipantDirectory, TimerStore } from '../ports.js';
import { timerSlot } from '../lesson/timerSlot.js';
import type { LessonDeliveries } from './lessonDeliveries.js';
import { planEscalation, type EscalationPeople } from './planEscalation.js';

/** The timer reason of an escalation step. */
export const ESCALATE_REASON = 'escalate';

/** Dependencies of {@link createEscalation}. */
export interface EscalationDeps {
  deliveries: Pick<LessonDeliveries, 'enqueue'>;
  directory: Pick<ParticipantDirectory, 'listEscalation'>;
  timers: Pick<TimerStore, 'schedule'>;
  policyFor(tenantId: string): Policy;
  clock: Clock;
}

/** What the lesson path and the sweep use. */
export interface Escalation {
  /**
   * Adds what is due now and sets the timer for the next step (after a critical alert is raised, and on each timer).
   */
  step(key: MeetingKey): Promise<void>;
  /** The sweep's handler for `escalate` timers. */
  onTimer(timer: DueTimer): Promise<void>;
}

/** Builds the escalation worker. */
export function createEscalation(deps: EscalationDeps): Escalation {
  async function step(key: MeetingKey): Promise<void> {
    const policy = deps.policyFor(key.tenantId);
    const people: EscalationPeople = {
      deputies: await deps.directory.listEscalation(key.tenantId, 'deputies'),
      slt: await deps.directory.listEscalation(key.tenantId, 'slt'),
    };
    // Planned inside the write, from the record as it is then (an acknowledgement may just have landed).
    let next: number | undefined;
    await deps.deliveries.enqueue(key, (record) => {
      const plan = planEscalation(record, policy, people, deps.clock.now());
      next = plan.nextAt;
      return plan.add;
    });
    if (next !== undefined) await deps.timers.schedule(key, timerSlot(next), ESCALATE_REASON);
  }
  return { step, onTimer: (timer) => step(timer.key) };
}
