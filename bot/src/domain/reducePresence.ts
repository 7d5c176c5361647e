/**
 * The reducer's steps for a lesson's run and who is in it: start, end, joins, leaves and Teams' own
 * roster. Presence is kept as sorted marks per person, so delivery order does not change the result.
 */
import { classify, personKey, placeholder, reconcilePresence, withMark } from './people.js';
import { peopleWithPerson } from './peopleLineage.js';
import { isPresent } from './presence.js';
import type { MeetingEvent, MeetingState, PersonRecord } from './types.js';

/** The event of one kind. */
export type EventOf<K extends MeetingEvent['kind']> = Extract<MeetingEvent, { kind: K }>;

/** The newest start wins; a start after the last end reopens the lesson (a pupil may rejoin later). */
export function started(state: MeetingState, e: EventOf<'meetingStarted'>): MeetingState {
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
export function ended(state: MeetingState, e: EventOf<'meetingEnded'>): MeetingState {
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

export function joined(state: MeetingState, e: EventOf<'participantJoined'>): MeetingState {
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

export function left(state: MeetingState, e: EventOf<'participantLeft'>): MeetingState {
  const key = personKey(state, e.participantId, e.teamsId);
  const person = state.people[key] ?? placeholder(key, e.teamsId);
  return withPerson(state, withMark(person, { eventId: e.id, at: e.at, type: 'leave' }));
}

/** Teams' own roster is the truth: add whatever join or leave makes our presence match it. */
export function reconciled(state: MeetingState, e: EventOf<'rosterReconciled'>): MeetingState {
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

/** `state` with `person` stored under their key (the same object when nothing changed). */
export function withPerson(state: MeetingState, person: PersonRecord): MeetingState {
  if (state.people[person.id] === person) return state;
  return { ...state, people: peopleWithPerson(state.people, person) };
}
