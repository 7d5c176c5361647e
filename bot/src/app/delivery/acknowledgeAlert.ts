/**
 * Use case: a DSL, deputy or senior leader presses "I'm dealing with it" on a critical alert. The
 * first press of a raise takes it: recorded as a lesson event (so the side panel, the summary and
 * escalation all see it), escalation stops, and everyone else who received the alert is told who
 * has it. A second press, from anyone, is answered with who has it.
 */
import { acknowledgementOf } from '../../domain/acknowledgements.js';
import { teamRoleOf } from '../directory/safeguardingTeam.js';
import { fingerprint } from '../fingerprint.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import type { Clock, MeetingKey, MeetingRecord, ParticipantDirectory } from '../ports.js';
import { findingDeliveries, type Delivery } from './delivery.js';
import type { LessonDeliveries } from './lessonDeliveries.js';
import { addOnce, newDelivery } from './planLessonDeliveries.js';

/** Which alert the button was on. */
export interface AcknowledgeInput {
  meetingId: string;
  findingKey: string;
  raisedAt: number;
}

/** Who pressed it. */
export interface Acknowledger {
  tenantId: string;
  aadObjectId: string;
  name: string;
}

/** What pressing it did; `title` is the lesson's. */
export type AcknowledgeOutcome =
  | { outcome: 'taken'; title: string; at: number }
  | { outcome: 'alreadyTaken'; title: string; name: string; at: number }
  /** The alert is over (the finding cleared, or was raised again since), or the lesson is unknown. */
  | { outcome: 'over' }
  /** Only the DSLs, deputies and senior leaders of the lesson's school may take an alert. */
  | { outcome: 'refused' };

/** Dependencies of {@link acknowledgeAlert}. */
export interface AcknowledgeDeps {
  record: ApplyMeetingEvent;
  load(key: MeetingKey): Promise<MeetingRecord | undefined>;
  directory: Pick<ParticipantDirectory, 'isDsl' | 'listEscalation'>;
  deliveries: Pick<LessonDeliveries, 'enqueue'>;
  clock: Clock;
}

/** Takes the alert for `who`, or says who has it. */
export async function acknowledgeAlert(
  deps: AcknowledgeDeps,
  who: Acknowledger,
  input: AcknowledgeInput,
): Promise<AcknowledgeOutcome> {
  if (!(await teamRoleOf(deps.directory, who.tenantId, who.aadObjectId))) return { outcome: 'refused' };
  const key = { tenantId: who.tenantId, meetingId: input.meetingId };
  const before = await deps.load(key);
  if (!before || before.alerts[input.findingKey]?.raisedAt !== input.raisedAt) return { outcome: 'over' };
  const title = before.state.title || 'Lesson';
  if (!acknowledgementOf(before.state, input.findingKey, input.raisedAt)) {
    // One id per person and raise: a double press (or Teams retrying the invoke) is one event.
    const id = `ack-${fingerprint([input.findingKey, input.raisedAt, who.aadObjectId]).slice(0, 22)}`;
    await deps.record(key, {
      kind: 'alertAcknowledged',
      id,
      at: deps.clock.now(),
      findingKey: input.findingKey,
      raisedAt: input.raisedAt,
      by: who.aadObjectId,
      byName: who.name,
    });
  }
  const reloaded = await deps.load(key);
  const after = reloaded ? acknowledgementOf(reloaded.state, input.findingKey, input.raisedAt) : undefined;
  if (!after) return { outcome: 'over' };
  if (after.by !== who.aadObjectId) return { outcome: 'alreadyTaken', title, name: after.name, at: after.at };
  await deps.deliveries.enqueue(key, (record) => tellTheOthers(record, input, after, deps.clock.now()));
  return { outcome: 'taken', title, at: after.at };
}

/** A note to everyone else who was sent this raise (DSLs, deputies, senior leaders): who has it. */
function tellTheOthers(
  record: MeetingRecord,
  input: AcknowledgeInput,
  ack: { by: string; name: string; at: number },
  now: number,
): Delivery[] {
  const notes: Delivery[] = [];
  for (const d of findingDeliveries(record.deliveries ?? [])) {
    const m = d.message;
    if (m.phase !== 'raised' || m.finding.key !== input.findingKey || m.raisedAt !== input.raisedAt) continue;
    if (
      d.recipient.kind !== 'person' ||
      d.recipient.role === 'organizer' ||
      d.recipient.aadObjectId === ack.by ||
      d.state !== 'sent'
    )
      continue;
    const note = {
      ...m,
      phase: 'acknowledged' as const,
      acknowledgedBy: { name: ack.name, at: ack.at },
      ...(d.activityId ? { replaces: d.activityId } : {}),
    };
    addOnce(notes, newDelivery(note, d.recipient, false, now));
  }
  return notes;
}
