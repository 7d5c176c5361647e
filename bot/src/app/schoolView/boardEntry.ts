/**
 * One lesson as the school view stores it: what the board and the open-alerts list need, computed
 * once when the lesson is written, so reading the whole school is one keyed query and no lesson is
 * loaded. Pure.
 */
import { acknowledgementOf } from '../../domain/acknowledgements.js';
import type { Policy } from '../../domain/policy/schema.js';
import { pupilsPresent, staffPresent } from '../../domain/presence.js';
import { hadPupils, isLive, sessionStartAt } from '../../domain/session.js';
import { raiseCopies } from '../delivery/dslCopies.js';
import type { Delivery } from '../delivery/delivery.js';
import type { LessonBook } from '../ports.js';
import { openAlerts } from '../sidePanel/alertViews.js';
import { lessonFactsOf, type LessonFacts } from './lessonFacts.js';
import type { AlertReach, BoardLesson, OpenAlert } from './schoolViewModel.js';

/** A lesson on the board as stored: the parts of {@link BoardLesson} that do not depend on the time of reading. */
export interface BoardEntry extends Omit<BoardLesson, 'state'> {
  /** Started, or someone is in it, and not ended. */
  live: boolean;
  endedAt?: number;
  /** The organizer cancelled it: it leaves "Now" and "Later today" unless someone is in it anyway. */
  cancelledAt?: number;
  /** Its critical alerts nobody has taken yet. */
  alerts: Array<Omit<OpenAlert, 'meetingId' | 'lessonTitle'>>;
  /** The weekly report's figures; absent on rows written before the report existed. */
  facts?: LessonFacts;
}

/** The lesson as the board shows it; undefined for a lesson with neither a start nor a scheduled start. */
export function boardEntryOf(book: LessonBook, policy: Policy): BoardEntry | undefined {
  const head = boardHeadOf(book, policy);
  return head && { ...head, facts: lessonFactsOf(book, policy) };
}

/** {@link boardEntryOf} without the weekly report's figures (the part that sweeps over everyone's presence). */
export function boardHeadOf(book: LessonBook, policy: Policy): Omit<BoardEntry, 'facts'> | undefined {
  const { state } = book;
  const startedAt = sessionStartAt(state);
  if (startedAt === undefined && state.scheduledStart === undefined) return undefined;
  const pupilsIn = pupilsPresent(state).length;
  const staffIn = staffPresent(state).length;
  // Most versions of a lesson have nothing raised: then there is no worst alert and none untaken, without the views.
  const raised = Object.values(book.alerts).some((tracked) => tracked.raisedAt !== undefined);
  const worst = raised ? openAlerts({ ...book, etag: '' }).find((a) => a.raisedAt !== undefined) : undefined;
  const organizer = state.organizerId ? state.people[state.organizerId] : undefined;
  return {
    meetingId: state.meetingId,
    title: state.title || 'Lesson',
    ...(state.organizerId ? { organizerId: state.organizerId } : {}),
    ...(organizer?.name ? { organizerName: organizer.name } : {}),
    ...(state.joinUrl ? { joinUrl: state.joinUrl } : {}),
    ...(state.scheduledStart !== undefined ? { scheduledStart: state.scheduledStart } : {}),
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(state.endedAt !== undefined ? { endedAt: state.endedAt } : {}),
    ...(state.cancelledAt !== undefined ? { cancelledAt: state.cancelledAt } : {}),
    live: isLive(state),
    limitMinutes: hadPupils(state) ? policy.duration.pupilSessionMinutes : policy.duration.staffSessionMinutes,
    staffIn,
    pupilsIn,
    noAdult: pupilsIn > 0 && staffIn === 0,
    ...(worst ? { worst: { severity: worst.severity, message: worst.message, action: worst.action } } : {}),
    alerts: raised ? untakenCriticals(book) : [],
  };
}

/** Critical findings raised and not yet taken by anyone, oldest first. */
function untakenCriticals(book: LessonBook): BoardEntry['alerts'] {
  const alerts: BoardEntry['alerts'] = [];
  for (const { finding, raisedAt } of Object.values(book.alerts)) {
    if (finding.severity !== 'critical' || raisedAt === undefined) continue;
    if (acknowledgementOf(book.state, finding.key, raisedAt)) continue;
    const reach = reachOf(book.deliveries ?? [], finding.key, raisedAt);
    alerts.push({
      findingKey: finding.key,
      raisedAt,
      message: finding.message,
      action: finding.action,
      ...(reach ? { reach } : {}),
    });
  }
  return alerts.sort((a, b) => a.raisedAt - b.raisedAt);
}

const STEP_ORDER = { dsl: 0, deputy: 1, slt: 2 } as const;
const STEP_NAME = { dsl: 'dsl', deputy: 'deputies', slt: 'slt' } as const;

/** How far one raise has got with the safeguarding team; undefined when nobody on it was to be told. */
export function reachOf(deliveries: readonly Delivery[], findingKey: string, raisedAt: number): AlertReach | undefined {
  const copies = raiseCopies(deliveries, findingKey, raisedAt).flatMap((d) =>
    d.recipient.kind === 'person' && d.state !== 'withdrawn' && d.recipient.role in STEP_ORDER
      ? [{ state: d.state, step: d.recipient.role as keyof typeof STEP_ORDER }]
      : [],
  );
  if (!copies.length) return undefined;
  const furthest = copies.reduce((a, b) => (STEP_ORDER[b.step] > STEP_ORDER[a.step] ? b : a)).step;
  const state = copies.some((c) => c.state === 'sent')
    ? 'sent'
    : copies.some((c) => c.state === 'pending')
      ? 'pending'
      : 'failed';
  return { state, reached: STEP_NAME[furthest] };
}
