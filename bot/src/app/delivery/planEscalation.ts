/**
 * Escalation of critical alerts nobody has taken: a critical alert the DSLs were sent is owed to
 * the deputies once the policy's minutes have passed without an acknowledgement, and then to the
 * senior leadership team. Pure: the worker adds what this plans to the lesson's outbox.
 */
import { acknowledgementOf } from '../../domain/acknowledgements.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { MeetingRecord } from '../ports.js';
import { findingDeliveries, type Delivery, type FindingMessage, type RecipientRole } from './delivery.js';
import { addOnce, newDelivery } from './planLessonDeliveries.js';

const MINUTE = 60_000;

/** The people each step reaches (already resolved for the lesson's tenant). */
export interface EscalationPeople {
  deputies: ReadonlyArray<{ aadObjectId: string }>;
  slt: ReadonlyArray<{ aadObjectId: string }>;
}

/** What escalation owes now, and when it must look again (undefined: nothing left to escalate). */
export interface EscalationPlan {
  add: Delivery[];
  nextAt?: number;
}

/** One critical raise the DSLs were sent, as the outbox records it. */
interface OpenRaise {
  message: FindingMessage;
}

/** The critical raises sent (or being sent) to the DSLs that are still raised and nobody has acknowledged. */
export function unacknowledgedRaises(record: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>): OpenRaise[] {
  const raises = new Map<string, OpenRaise>();
  for (const d of findingDeliveries(record.deliveries ?? [])) {
    const m = d.message;
    if (!d.critical || m.phase !== 'raised' || d.closed || d.recipient.kind !== 'person' || d.recipient.role !== 'dsl')
      continue;
    if (record.alerts[m.finding.key]?.raisedAt !== m.raisedAt) continue; // over, or raised again since
    if (acknowledgementOf(record.state, m.finding.key, m.raisedAt)) continue; // someone has it
    raises.set(`${m.finding.key}|${m.raisedAt}`, { message: m });
  }
  return [...raises.values()];
}

/** The deliveries escalation owes at `now` for the lesson's open critical raises. */
export function planEscalation(
  record: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>,
  policy: Policy,
  people: EscalationPeople,
  now: number,
): EscalationPlan {
  const add: Delivery[] = [];
  let nextAt: number | undefined;
  const later = (at: number) => (nextAt = nextAt === undefined ? at : Math.min(nextAt, at));
  for (const { message } of unacknowledgedRaises(record)) {
    const deputiesAt = message.raisedAt + policy.escalation.deputiesAfterMinutes * MINUTE;
    const sltAt = deputiesAt + policy.escalation.sltAfterMinutes * MINUTE;
    const steps: Array<[number, RecipientRole, EscalationPeople[keyof EscalationPeople]]> = [
      [deputiesAt, 'deputy', people.deputies],
      [sltAt, 'slt', people.slt],
    ];
    for (const [at, role, who] of steps) {
      if (at > now) {
        later(at);
        continue;
      }
      for (const person of who)
        addOnce(add, newDelivery(message, { kind: 'person', aadObjectId: person.aadObjectId, role }, true, now));
    }
  }
  return { add, ...(nextAt === undefined ? {} : { nextAt }) };
}
