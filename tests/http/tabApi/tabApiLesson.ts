import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';
import { suiteResource } from '../../support/suiteResource.js';
import { lessonKey, OTHER_TENANT, PEOPLE, type TabTestServer } from '../../support/tabServer.js';

/**
 * The lesson the tab API tests ask about: Year 5 maths in the test school. A Teams meeting id is base64: it can hold
 * `/`, `+` and `=`, so it must travel URL-encoded.
 */
export const MEETING = 'MCMxOTptZWV0aW5nX05qa3/lOR0kzTW1F+dE9EazNNUzAw@thread.v2==';
/** A lesson of another school, which the test school's staff must never see. */
export const OTHER_SCHOOL_MEETING = 'MCMxOTpvdGhlci1zY2hvb2wtbGVzc29u==';
/** When the lessons start. */
export const T0 = Date.parse('2026-03-10T10:00:00Z');

let seq = 0;
/** A join event for a person at a time, with an id no other join uses. */
export const join = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: `join-${++seq}`,
  at,
  participant: p,
});

/** Puts Year 5 maths under way (two teachers and one pupil in) and another school's lesson on the server. */
async function openLessons(app: TabTestServer): Promise<void> {
  const key = lessonKey(MEETING);
  await app.applyEvent(key, {
    kind: 'meetingStarted',
    id: 'start-1',
    at: T0,
    meetingType: 'Scheduled',
    title: 'Year 5 maths',
  });
  await app.applyEvent(key, join(PEOPLE.teacherA, T0 + 1_000));
  await app.applyEvent(key, join(PEOPLE.teacherB, T0 + 2_000));
  await app.applyEvent(key, join(PEOPLE.pupil1, T0 + 3_000));
  await app.applyEvent(lessonKey(OTHER_SCHOOL_MEETING, OTHER_TENANT), {
    kind: 'meetingStarted',
    id: 'start-2',
    at: T0,
    meetingType: 'Scheduled',
    title: 'Other school',
  });
}

/**
 * The server `start` gives, for the enclosing `describe`, with Year 5 maths under way (see {@link openLessons}),
 * and signed-in requests to it.
 */
export function useTabApiLesson(start: () => Promise<TabTestServer>) {
  const app = suiteResource(start);
  before(() => openLessons(app));

  const url = (path: string, meetingId = MEETING) =>
    `${app.base}/api/meetings/${encodeURIComponent(meetingId)}/${path}`;
  const get = async (
    path: string,
    person: { id: string; name: string } = PEOPLE.teacherA,
    headers: Record<string, string> = {},
  ) => fetch(url(path), { headers: { authorization: `Bearer ${await app.token(person)}`, ...headers } });
  const post = async (path: string, body: unknown, person: { id: string; name: string } = PEOPLE.teacherA) =>
    fetch(url(path), {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token(person)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { app, url, get, post };
}
