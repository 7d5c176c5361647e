/**
 * The lesson reducer: `(state, event) -> state`, pure and idempotent. Every field is set so that the
 * order in which Teams delivers events does not change the result: presence by sorted marks per
 * person (reducePresence.ts), ticks and marks by last writer (at, id), start and end by their times.
 */
import { acknowledgementKey, acknowledgementOf } from './acknowledgements.js';
import { seenBefore, withApplied } from './appliedEvents.js';
import { isNewer, placeholder } from './people.js';
import { ended, joined, left, reconciled, started, withPerson, type EventOf } from './reducePresence.js';
import type { MeetingEvent, MeetingState } from './types.js';

/** A lesson nobody has joined yet. */
export function emptyMeeting(tenantId: string, meetingId: string): MeetingState {
  return {
    tenantId,
    meetingId,
    title: '',
    meetingType: 'Unknown',
    people: {},
    checklist: {},
    breaches: [],
    applied: [],
  };
}

/**
 * Applies one event; returns the input unchanged when the lesson remembers its id as applied. The
 * lesson remembers its newest ids only (appliedEvents.ts): an event it cannot place (`seenBefore` is
 * `unknown`, a very late redelivery) is applied as new, so the caller asks the stored events first.
 */
export function reduce(state: MeetingState, event: MeetingEvent): MeetingState {
  if (seenBefore(state, event) === 'applied') return state;
  return { ...withApplied(apply(state, event), event), lastEventAt: Math.max(state.lastEventAt ?? event.at, event.at) };
}

function apply(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.kind) {
    case 'meetingStarted':
      return started(state, event);
    case 'meetingEnded':
      return ended(state, event);
    case 'participantJoined':
      return joined(state, event);
    case 'participantLeft':
      return left(state, event);
    case 'rosterReconciled':
      return reconciled(state, event);
    case 'checklistTicked':
      return ticked(state, event);
    case 'pupilCheckRecorded':
      return checked(state, event);
    case 'registerMarked':
      return marked(state, event);
    case 'breachReported':
      return breach(state, event);
    case 'alertAcknowledged':
      return acknowledged(state, event);
    case 'meetingDetailsLearned':
      return detailsLearned(state, event);
    // Audit records: kept among the lesson's stored events; the live state does not change.
    case 'meetingSettingsChanged':
    case 'attendanceMerged':
      return state;
  }
}

function ticked(state: MeetingState, e: EventOf<'checklistTicked'>): MeetingState {
  if (!isNewer({ at: e.at, eventId: e.id }, state.checklist[e.item])) return state;
  return {
    ...state,
    checklist: { ...state.checklist, [e.item]: { ticked: e.ticked, by: e.by, at: e.at, eventId: e.id } },
  };
}

/** The latest recording wins, "not yet" included: it keeps who set the check back, with no yes or no. */
function checked(state: MeetingState, e: EventOf<'pupilCheckRecorded'>): MeetingState {
  const person = state.people[e.pupilId] ?? placeholder(e.pupilId);
  if (!isNewer({ at: e.at, eventId: e.id }, person.checks[e.check])) return state;
  const value = recordedValue(e);
  const entry = { ...(value === undefined ? {} : { value }), by: e.by, at: e.at, eventId: e.id };
  return withPerson(state, { ...person, checks: { ...person.checks, [e.check]: entry } });
}

/**
 * Yes as true, no as false; "not yet" (or a state not understood) as no answer. Rows from before three states carry
 * `value`.
 */
function recordedValue(e: EventOf<'pupilCheckRecorded'>): boolean | undefined {
  if (!('state' in e)) return typeof e.value === 'boolean' ? e.value : undefined;
  return e.state === 'yes' ? true : e.state === 'no' ? false : undefined;
}

function marked(state: MeetingState, e: EventOf<'registerMarked'>): MeetingState {
  const person = state.people[e.pupilId] ?? placeholder(e.pupilId);
  if (!isNewer({ at: e.at, eventId: e.id }, person.mark)) return state;
  return withPerson(state, { ...person, mark: { mark: e.mark, by: e.by, at: e.at, eventId: e.id } });
}

function breach(state: MeetingState, e: EventOf<'breachReported'>): MeetingState {
  const entry =
    e.note === undefined ? { id: e.id, at: e.at, by: e.by } : { id: e.id, at: e.at, by: e.by, note: e.note };
  const breaches = [...state.breaches, entry].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return { ...state, breaches };
}

/** The first acknowledgement of a raise takes it; later ones (another DSL, a double press) change nothing. */
function acknowledged(state: MeetingState, e: EventOf<'alertAcknowledged'>): MeetingState {
  if (acknowledgementOf(state, e.findingKey, e.raisedAt)) return state;
  const ack = { raisedAt: e.raisedAt, by: e.by, name: e.byName, at: e.at };
  return {
    ...state,
    acknowledgements: { ...state.acknowledgements, [acknowledgementKey(e.findingKey, e.raisedAt)]: ack },
  };
}

/** Fills in whichever details the event carries (from getMeetingInfo or Graph). */
function detailsLearned(state: MeetingState, e: EventOf<'meetingDetailsLearned'>): MeetingState {
  const next = { ...state };
  if (e.meetingType !== undefined) next.meetingType = e.meetingType;
  if (e.title !== undefined) next.title = e.title;
  if (e.createdAt !== undefined) next.createdAt = e.createdAt;
  if (e.scheduledStart !== undefined) next.scheduledStart = e.scheduledStart;
  if (e.scheduledEnd !== undefined) next.scheduledEnd = e.scheduledEnd;
  if (e.recording !== undefined) next.recording = e.recording;
  if (e.lobbyBypassScope !== undefined) next.lobbyBypassScope = e.lobbyBypassScope;
  if (e.joinUrl !== undefined) next.joinUrl ??= e.joinUrl;
  if (e.organizerId !== undefined) next.organizerId ??= e.organizerId;
  // The earliest cancellation stands, whatever order the events arrive in.
  if (e.noticeApproved !== undefined) next.noticeApproved = e.noticeApproved;
  if (e.cancelledAt !== undefined) next.cancelledAt = Math.min(e.cancelledAt, state.cancelledAt ?? e.cancelledAt);
  return next;
}
