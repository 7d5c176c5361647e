/**
 * Pure: the lesson record's alert lines. Every raise comes from {@link lessonRaises} (what was
 * raised, when it stopped, whether the DSL got it, who took it); who else was told, and the 1:1
 * cards about the lesson, come from the outbox as Teams answered it.
 */
import type { MeetingState, Severity } from '../../domain/types.js';
import {
  findingDeliveries,
  type Delivery,
  type DeliveryRecipient,
  type LessonCardMessage,
  type RecipientRole,
} from '../delivery/delivery.js';
import type { LessonBook } from '../ports.js';
import { lessonRaises, type LessonRaise } from '../lessonRoutines/lessonRaises.js';
import { whatHappened } from '../lessonRoutines/summaryWords.js';
import { listOf, nameOf, type Entry } from './entries.js';

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Serious alert', warning: 'Warning', info: 'Reminder' };

/** Each alert of the lesson: raised, who was told, who took it, and when it stopped. */
export function raiseEntries(record: Pick<LessonBook, 'state' | 'alerts' | 'deliveries'>): Entry[] {
  const { state } = record;
  const entries: Entry[] = [];
  for (const raise of lessonRaises(record)) {
    // A breach no alert was raised for is already on the record as the report itself.
    if (raise.ruleId === 'breach' && !raise.action) continue;
    const about = pupilOf(state, raise);
    const todo = raise.action ? ` Staff were asked to: ${raise.action}` : '';
    entries.push({
      at: raise.raisedAt,
      kind: 'alert',
      severity: raise.severity,
      text: `${SEVERITY_LABEL[raise.severity]}${about}: ${raise.message}${todo}`,
    });
    entries.push(...dslEntries(raise));
    const what = whatHappened(raise);
    const ack = raise.acknowledged;
    if (ack)
      entries.push({ at: ack.at, kind: 'acknowledged', text: `${ack.name} said they were dealing with it: ${what}.` });
    if (raise.clearedAt !== undefined) {
      entries.push({
        at: raise.clearedAt,
        kind: 'cleared',
        text: `This alert stopped after ${lasting(raise.clearedAt - raise.raisedAt)}${about}: ${what}.`,
      });
    }
  }
  return [...entries, ...toldEntries(record)];
}

/** " (Pupil One)" for a finding about one pupil of the lesson (its key ends with the pupil's id). */
function pupilOf(state: MeetingState, raise: LessonRaise): string {
  const subject = raise.key.startsWith(`${raise.ruleId}:`)
    ? raise.key.slice(raise.ruleId.length + 1).replace(/:no$/, '')
    : '';
  const name = state.people[subject]?.name;
  return name ? ` (${name})` : '';
}

function dslEntries(raise: LessonRaise): Entry[] {
  const copies = raise.dsl;
  switch (copies.state) {
    case 'sent': {
      const reach = copies.reached < copies.of ? ` (${copies.reached} of ${copies.of} DSLs)` : '';
      return [{ at: copies.sentAt, kind: 'told', text: `The DSL was told${reach}.` }];
    }
    case 'failed':
      return [{ at: raise.raisedAt, kind: 'told', text: 'The alert could not be delivered to the DSL.' }];
    case 'waiting':
      return [{ at: raise.raisedAt, kind: 'told', text: 'Chaperone is still trying to reach the DSL.' }];
    case 'withdrawn':
      return [
        {
          at: raise.raisedAt,
          kind: 'told',
          text: 'No copy went to the DSL: the alert was over before it could be sent.',
        },
      ];
    case 'none':
      return [];
  }
}

/** Who else a raise went to (staff in the meeting, the organizer, deputies and senior leaders), one line per group. */
function toldEntries({ state, deliveries = [] }: Pick<LessonBook, 'state' | 'deliveries'>): Entry[] {
  const groups = new Map<string, { at: number; state: Delivery['state']; recipients: DeliveryRecipient[] }>();
  for (const d of findingDeliveries(deliveries)) {
    if (d.message.phase !== 'raised' || d.state === 'withdrawn' || roleOf(d.recipient) === 'dsl') continue;
    const at = d.state === 'sent' ? (d.sentAt ?? d.createdAt) : d.createdAt;
    const id = `${d.message.raisedAt}|${d.message.finding.key}|${roleOf(d.recipient) ?? 'meeting'}|${d.state}`;
    const group = groups.get(id) ?? { at, state: d.state, recipients: [] };
    group.at = Math.min(group.at, at);
    group.recipients.push(d.recipient);
    groups.set(id, group);
  }
  return [...groups.values()].map((g) => ({
    at: g.at,
    kind: 'told' as const,
    text: toldText(state, g.state, g.recipients),
  }));
}

function toldText(state: MeetingState, outcome: Delivery['state'], recipients: DeliveryRecipient[]): string {
  const first = recipients[0]!;
  const whom =
    first.kind === 'staffInMeeting'
      ? `staff in the meeting (${listOf(recipients.flatMap((r) => (r.kind === 'staffInMeeting' ? r.teamsIds : [])).map((id) => teamsName(state, id)))})`
      : groupName(state, first.role, recipients);
  const escalated = first.kind === 'person' && (first.role === 'deputy' || first.role === 'slt');
  if (outcome === 'sent')
    return escalated ? `Nobody had taken the alert in time, so ${whom} were told.` : `Chaperone told ${whom}.`;
  if (outcome === 'failed') return `The alert could not be delivered to ${whom}.`;
  return `Chaperone is still trying to tell ${whom}.`;
}

function teamsName(state: MeetingState, teamsId: string): string {
  return Object.values(state.people).find((p) => p.teamsId === teamsId)?.name || 'a member of staff';
}

const ROLE_GROUP: Record<RecipientRole, string> = {
  dsl: 'the DSL',
  deputy: 'the deputy DSLs',
  slt: 'the senior leaders',
  organizer: 'the organizer',
  staff: 'a member of staff',
  reporter: 'the person who raised it',
};

function groupName(state: MeetingState, role: RecipientRole, recipients: DeliveryRecipient[]): string {
  if (role !== 'organizer' && role !== 'staff') return ROLE_GROUP[role];
  const names = recipients.map((r) => (r.kind === 'person' ? nameOf(state, r.aadObjectId, '') : '')).filter(Boolean);
  return names.length ? `${ROLE_GROUP[role]}, ${listOf(names)}` : ROLE_GROUP[role];
}

function roleOf(recipient: DeliveryRecipient): RecipientRole | undefined {
  return recipient.kind === 'person' ? recipient.role : undefined;
}

/** The 1:1 cards Chaperone sent about the lesson (checklist reminder, summary...), as Teams answered. */
export function cardEntries({ state, deliveries = [] }: Pick<LessonBook, 'state' | 'deliveries'>): Entry[] {
  const entries: Entry[] = [];
  for (const d of deliveries) {
    if (d.message.kind !== 'card' || d.recipient.kind !== 'person' || d.state === 'withdrawn') continue;
    const title = (d.message as LessonCardMessage).title;
    const whom = groupName(state, d.recipient.role, [d.recipient]);
    if (d.state === 'sent')
      entries.push({ at: d.sentAt ?? d.createdAt, kind: 'card', text: `Chaperone sent "${title}" to ${whom}.` });
    else if (d.state === 'failed')
      entries.push({ at: d.createdAt, kind: 'card', text: `Chaperone could not send "${title}" to ${whom}.` });
    else
      entries.push({ at: d.createdAt, kind: 'card', text: `Chaperone is still trying to send "${title}" to ${whom}.` });
  }
  return entries;
}

function lasting(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 1 ? 'under a minute' : m === 1 ? '1 minute' : `${m} minutes`;
}
