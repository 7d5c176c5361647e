/**
 * The lesson reducer: `(state, event) -> state`, pure and idempotent. Every field is set so that the
 * order in which Teams delivers events does not change the result: presence by sorted marks per
 * person, ticks and marks by last writer (at, id), start and end by their times.
 */
import { acknowledgementKey, acknowledgementOf } from './acknowledgements.js';
import { classify, isNewer, personKey, placeholder, reconcilePresence, withMark } from './people.js';
import { isPresent } from './presence.js';
import type { MeetingEvent, MeetingState, PersonRecord } from './types.js';

type EventOf<K extends MeetingEvent['kind']> = Extract<MeetingEvent, { kind: K }>;

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

/** Applies one event; returns the input unchanged when the event id was applied before. */
export function reduce(state: MeetingState, event: MeetingEvent): MeetingState {
  if (hasApplied(state.applied, event.id)) return state;
  const next = apply(state, event);
  return {
    ...next,
    applied: insertSorted(state.applied, event.id),
    lastEventAt: Math.max(state.lastEventAt ?? event.at, event.at),
  };
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
    // Audit records: kept as event rows in the lesson's partition; the live state does not change.
    case 'meetingSettingsChanged':
    case 'attendanceMerged':
      return state;
  }
}

/** The newest start wins; a start after the last end reopens the lesson (a pupil may rejoin later). */
function started(state: MeetingState, e: EventOf<'meetingStarted'>): MeetingState {
  if (state.startedAt !== undefined && e.at < state.startedAt) return { ...state, title: state.title || e.title };
  const next: MeetingState = {
    ...state,
    startedAt: e.at,
    title: e.title,
    meetingType: e.meetingType,
    joinUrl: e.joinUrl ?? state.joinUrl,
    organizerId: e.organizerId ?? state.organizerId,
  };
  if (next.endedAt !== undefined && next.endedAt <= e.at) delete next.endedAt;
  return next;
}

/**
 * Teams raises meetingEnd only once the meeting is over for everyone (End meeting, or the last
 * person left), and per-person leave events then are unreliable: so the end closes every open
 * presence. Joins after it are real rejoins (the link stays valid). An end before the current
 * start belongs to an earlier run of the meeting and is ignored.
 */
function ended(state: MeetingState, e: EventOf<'meetingEnded'>): MeetingState {
  if (state.startedAt !== undefined && e.at < state.startedAt) return state;
  const endedAt = Math.max(state.endedAt ?? e.at, e.at);
  let next: MeetingState = { ...state, endedAt };
  for (const person of Object.values(state.people)) next = withPerson(next, closedAtEnd(person, endedAt));
  return next;
}

/** The presence a meeting end closes, with an id derived from the end time (idempotent). */
function closedAtEnd(person: PersonRecord, endedAt: number): PersonRecord {
  const beforeEnd = { ...person, marks: person.marks.filter((m) => m.at <= endedAt) };
  if (!isPresent(beforeEnd)) return person;
  return withMark(person, { eventId: `close@${endedAt}:${person.id}`, at: endedAt, type: 'leave', reconciled: true });
}

function joined(state: MeetingState, e: EventOf<'participantJoined'>): MeetingState {
  const key = personKey(state, e.participant.id, e.participant.teamsId);
  const stamp = { at: e.at, eventId: e.id };
  const person = withMark(
    classify(state.people[key] ?? placeholder(key, e.participant.teamsId), e.participant, stamp),
    { ...stamp, type: 'join' },
  );
  // A join from before the end that arrives after it is closed by that end too.
  const closed = state.endedAt !== undefined && e.at <= state.endedAt ? closedAtEnd(person, state.endedAt) : person;
  return withPerson(state, closed);
}

function left(state: MeetingState, e: EventOf<'participantLeft'>): MeetingState {
  const key = personKey(state, e.participantId, e.teamsId);
  const person = state.people[key] ?? placeholder(key, e.teamsId);
  return withPerson(state, withMark(person, { eventId: e.id, at: e.at, type: 'leave' }));
}

/** Teams' own roster is the truth: add whatever join or leave makes our presence match it. */
function reconciled(state: MeetingState, e: EventOf<'rosterReconciled'>): MeetingState {
  const stamp = { at: e.at, eventId: e.id };
  let next = state;
  for (const participant of e.present) {
    const key = personKey(next, participant.id, participant.teamsId);
    const person = classify(next.people[key] ?? placeholder(key, participant.teamsId), participant, stamp);
    next = withPerson(next, reconcilePresence(person, true, stamp));
  }
  for (const id of e.absent) {
    const person = next.people[id];
    if (person) next = withPerson(next, reconcilePresence(person, false, stamp));
  }
  return { ...next, rosterCheckedAt: Math.max(state.rosterCheckedAt ?? e.at, e.at) };
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
  return next;
}

function withPerson(state: MeetingState, person: PersonRecord): MeetingState {
  if (state.people[person.id] === person) return state;
  return { ...state, people: { ...state.people, [person.id]: person } };
}

/** Binary search in the sorted list of applied ids. */
function hasApplied(applied: string[], id: string): boolean {
  const i = lowerBound(applied, id);
  return applied[i] === id;
}

function insertSorted(applied: string[], id: string): string[] {
  const i = lowerBound(applied, id);
  return [...applied.slice(0, i), id, ...applied.slice(i)];
}

function lowerBound(sorted: string[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? '') < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
