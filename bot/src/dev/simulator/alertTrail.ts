/**
 * Who has each safeguarding alert of a simulated lesson, from the lesson's own record: every copy
 * sent to a DSL, deputy or senior leader with what Teams answered, and who pressed "I'm dealing
 * with it". The feed shows what the bot sent; this shows the escalation as the bot sees it.
 */
import { acknowledgementOf } from '../../domain/acknowledgements.js';
import { findingDeliveries, type RecipientRole } from '../../app/delivery/delivery.js';
import type { MeetingRecord } from '../../app/ports.js';
import type { SimSchool } from '../school.js';

type SafeguardingRole = Extract<RecipientRole, 'dsl' | 'deputy' | 'slt'>;

/** Whether a copy went to someone a critical alert escalates through (not the organizer's short card). */
function isSafeguarding(role: RecipientRole): role is SafeguardingRole {
  return role === 'dsl' || role === 'deputy' || role === 'slt';
}

/**
 * One person's copy of an alert: `waiting` until Teams takes it, `withdrawn` when the alert was over before it went.
 */
export interface TrailCopy {
  role: SafeguardingRole;
  name: string;
  state: 'waiting' | 'sent' | 'failed' | 'withdrawn';
  sentAt?: number;
}

/** One raise of one alert in one lesson, and who has it. */
export interface AlertTrail {
  meetingId: string;
  lesson: string;
  findingKey: string;
  message: string;
  raisedAt: number;
  /** The alert has cleared, or was raised again since. */
  over: boolean;
  copies: TrailCopy[];
  acknowledged?: { name: string; at: number };
}

/** The trails of the given lessons, newest raise first. */
export function alertTrails(
  lessons: Iterable<{ title: string; record: MeetingRecord }>,
  school: SimSchool,
): AlertTrail[] {
  const nameOf = (id: string): string =>
    school.people.find((p) => p.aadObjectId === id)?.name ?? 'someone on the staff list';
  const trails = new Map<string, AlertTrail>();
  for (const { title, record } of lessons) {
    for (const d of findingDeliveries(record.deliveries ?? [])) {
      const { message, recipient } = d;
      if (message.phase !== 'raised' || recipient.kind !== 'person' || !isSafeguarding(recipient.role)) continue;
      const id = `${record.state.meetingId}|${message.finding.key}|${message.raisedAt}`;
      let trail = trails.get(id);
      if (!trail) {
        const ack = acknowledgementOf(record.state, message.finding.key, message.raisedAt);
        trail = {
          meetingId: record.state.meetingId,
          lesson: title,
          findingKey: message.finding.key,
          message: message.finding.message,
          raisedAt: message.raisedAt,
          over: record.alerts[message.finding.key]?.raisedAt !== message.raisedAt,
          copies: [],
          ...(ack ? { acknowledged: { name: ack.name, at: ack.at } } : {}),
        };
        trails.set(id, trail);
      }
      const state = d.state === 'pending' ? 'waiting' : d.state;
      trail.copies.push({
        role: recipient.role,
        name: nameOf(recipient.aadObjectId),
        state,
        ...(d.sentAt === undefined ? {} : { sentAt: d.sentAt }),
      });
    }
  }
  return [...trails.values()].sort((a, b) => b.raisedAt - a.raisedAt);
}
