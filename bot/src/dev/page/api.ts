/// <reference lib="dom" />
/** The simulator page's calls to its JSON API (`/dev/api/...`). */
import type { AlertTrail } from '../simulator/alertTrail.js';
import type { FeedEntry } from '../simulator/feed.js';
import type { LessonView } from '../simulator/simRoutes.js';
import type { SimSchool } from '../school.js';

/** What `GET /dev/api/state` returns. */
export interface SimState {
  now: number;
  offsetMs: number;
  clockAdjustable: boolean;
  policy: { preset: string; graceSeconds: number };
  school: SimSchool;
  lessons: LessonView[];
}

/** One line of a 1:1 chat: something the bot sent, or something the person sent. */
export type ChatLine =
  { from: 'bot'; position: number; entry: FeedEntry } | { from: 'person'; position: number; text: string; at: number };

/** The bot's answer to a chat turn (an invoke's answer in `body`). */
export interface Delivery {
  status: number;
  body: unknown;
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!res.ok)
    throw new Error(
      data.error?.message ?? `The simulator answered ${res.status}; check the terminal running npm start.`,
    );
  return data as T;
}

const lessonPath = (meetingId: string): string => `/dev/api/lessons/${encodeURIComponent(meetingId)}`;

/** The simulator API. */
export const api = {
  state: () => call<SimState>('GET', '/dev/api/state'),
  createLesson: (input: { title: string; kind: string; organizerId: string; startsInMinutes: number }) =>
    call<{ meetingId: string; state: SimState }>('POST', '/dev/api/lessons', input),
  person: (meetingId: string, personId: string, action: 'join' | 'leave' | 'drop' | 'reconnect' | 'hang-up') =>
    call<SimState>('POST', `${lessonPath(meetingId)}/people/${encodeURIComponent(personId)}/${action}`, {}),
  endForEveryone: (meetingId: string) => call<SimState>('POST', `${lessonPath(meetingId)}/end`, {}),
  advance: (minutes: number) => call<{ fired: number; state: SimState }>('POST', '/dev/api/clock', { minutes }),
  sweep: () => call<{ fired: number; state: SimState }>('POST', '/dev/api/sweep', {}),
  install: () => call<SimState>('POST', '/dev/api/install', {}),
  feed: (after: number) => call<{ entries: FeedEntry[] }>('GET', `/dev/api/feed?after=${after}`),
  alertTrail: () => call<{ trails: AlertTrail[] }>('GET', '/dev/api/alert-trail'),
  chat: (personId: string) => call<{ lines: ChatLine[] }>('GET', `/dev/api/chat/${encodeURIComponent(personId)}`),
  say: (
    personId: string,
    input:
      | { kind: 'text'; text: string }
      | { kind: 'submit'; data: Record<string, unknown>; replyToId?: string }
      | { kind: 'execute'; verb: string; data: Record<string, unknown>; replyToId?: string },
  ) => call<Delivery>('POST', `/dev/api/chat/${encodeURIComponent(personId)}`, input),
};
