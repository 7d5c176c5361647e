import type { RecordedRequest } from '../connector/connectorWire.js';
import type { SimSchool } from '../school.js';
import type { SimLesson } from './lessons.js';

/** Who something the bot sent reached. */
export interface FeedRecipient {
  name: string;
  /** staff, dsl, pupil, or `chat` for everyone in a meeting chat (pupils and parents included). */
  kind: 'staff' | 'dsl' | 'pupil' | 'chat' | 'unknown';
}

/** One thing the bot did towards Teams, as the simulator page shows it. */
export interface FeedEntry {
  /** Index in the connector's record (stable; the page asks for entries after the last it has). */
  seq: number;
  at: number;
  kind: 'alert' | 'message' | 'meeting-chat' | 'update' | 'lookup' | 'other';
  recipients: FeedRecipient[];
  lesson?: string;
  /** One line saying what it was. */
  summary: string;
  text?: string;
  /** Adaptive Cards sent (content JSON), rendered by the page. */
  cards: unknown[];
  /** The page a targeted notification opens. */
  url?: string;
  /** The 1:1 conversation it went to, by person (Entra object id). */
  personId?: string;
  /** Id the connector gave the activity (a card button names it as `replyToId`). */
  activityId?: string;
  /** For an update: the activity it replaced. */
  replaces?: string;
  status?: number;
}

type Body = {
  text?: string;
  attachments?: Array<{ contentType?: string; content?: unknown }>;
  value?: { recipients?: string[]; surfaces?: Array<{ content?: { value?: { title?: string; url?: string } } }> };
  members?: Array<{ id?: string }>;
};

const PERSONAL = /^a:dev-1to1-(.+)$/;

/** Turns the connector's record into feed entries, naming every recipient. */
export function feedEntries(
  requests: RecordedRequest[],
  from: number,
  school: SimSchool,
  lessons: Iterable<SimLesson>,
): FeedEntry[] {
  const byChat = new Map<string, SimLesson>();
  const byMeeting = new Map<string, SimLesson>();
  for (const lesson of lessons) {
    byChat.set(lesson.conversationId, lesson);
    byMeeting.set(lesson.meetingId, lesson);
  }
  const person = (id: string | undefined): FeedRecipient => {
    const p = school.people.find((x) => x.aadObjectId === id || x.teamsId === id);
    return p ? { name: p.name, kind: p.kind } : { name: 'someone outside the sample school', kind: 'unknown' };
  };
  return requests.slice(Math.max(0, from)).map((r, i) => {
    const base = {
      seq: from + i,
      at: r.receivedAt,
      cards: [] as unknown[],
      ...(r.status === undefined ? {} : { status: r.status }),
    };
    const parts = r.decodedPath.split('/');
    const body = (r.body ?? {}) as Body;
    if (r.method === 'POST' && parts[1] === 'v1' && parts[4] === 'notification') {
      const surface = body.value?.surfaces?.[0]?.content?.value;
      return {
        ...base,
        kind: 'alert',
        recipients: (body.value?.recipients ?? []).map(person),
        lesson: byMeeting.get(parts[3] ?? '')?.title,
        summary: surface?.title ?? 'In-meeting notification',
        ...(surface?.url ? { url: surface.url } : {}),
      };
    }
    if (parts[1] === 'v3' && parts[4] === 'activities' && (r.method === 'POST' || r.method === 'PUT')) {
      const conversation = parts[3] ?? '';
      const personal = PERSONAL.exec(conversation)?.[1];
      const lesson = byChat.get(conversation);
      const cards = (body.attachments ?? [])
        .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((a) => a.content);
      const recipients = personal
        ? [person(personal)]
        : lesson
          ? [{ name: `everyone in the chat of "${lesson.title}" (pupils and parents too)`, kind: 'chat' as const }]
          : [{ name: 'an unknown conversation', kind: 'unknown' as const }];
      const kind = r.method === 'PUT' ? 'update' : personal ? 'message' : 'meeting-chat';
      return {
        ...base,
        kind,
        recipients,
        cards,
        lesson: lesson?.title,
        summary:
          r.method === 'PUT' ? 'Updated a card it had sent' : (body.text ?? (cards.length ? 'A card' : 'A message')),
        ...(body.text ? { text: body.text } : {}),
        ...(personal ? { personId: personal } : {}),
        ...(r.activityId ? { activityId: r.activityId } : {}),
        ...(r.method === 'PUT' && parts[5] ? { replaces: parts[5] } : {}),
      };
    }
    if (r.method === 'POST' && r.decodedPath === '/v3/conversations') {
      return {
        ...base,
        kind: 'other',
        recipients: (body.members ?? []).map((m) => person(m.id)),
        summary: 'Opened a 1:1 chat',
      };
    }
    if (r.method === 'GET' && parts[1] === 'v1' && parts[4] === 'participants') {
      return {
        ...base,
        kind: 'lookup',
        recipients: [person(parts[5])],
        lesson: byMeeting.get(parts[3] ?? '')?.title,
        summary: 'Asked Teams whether this person is in the lesson',
      };
    }
    return { ...base, kind: 'lookup', recipients: [], summary: `${r.method} ${r.decodedPath}` };
  });
}
