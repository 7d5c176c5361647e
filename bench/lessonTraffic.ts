/**
 * Realistic lesson traffic for `/api/messages`: many lessons at once, each started, joined by two
 * staff, then pupils joining and leaving (and now and then a member of staff stepping out and back),
 * with a share of activities delivered twice as Teams does on retry. Every activity has a fresh id.
 */
import type { AutocannonRequest } from 'autocannon';
import { lessonActivities, newMeetingIds, type ActivityPerson } from '../bot/src/dev/activities.js';

/** The bench school's tenant (fake). */
export const BENCH_TENANT = '00000000-0000-4000-8000-0000000be4c1';

/** Options for {@link lessonTraffic}. */
export interface TrafficOptions {
  serviceUrl: string;
  /**
   * Lessons running at once. Requests take them in turn (an open lesson sits out about half its turns), so requests in
   * flight are for distinct lessons while there are well under this many.
   */
  lessons: number;
  pupilsPerLesson: number;
  /** Share of requests that redeliver an activity already sent (0 for anchor D, whose row insert would conflict). */
  duplicateShare: number;
  seed: number;
}

/** Staff of the bench school (the directory knows them as staff). */
export const BENCH_STAFF: ActivityPerson[] = [
  {
    aadObjectId: '00000000-0000-4000-8000-0000000a0001',
    teamsId: '29:bench-teacher',
    name: 'Teacher (FAKE)',
    role: 'Organizer',
  },
  {
    aadObjectId: '00000000-0000-4000-8000-0000000a0002',
    teamsId: '29:bench-assistant',
    name: 'Assistant (FAKE)',
    role: 'Attendee',
  },
];

/** The bench school's DSL: on the staff file's DSL list, never in a lesson; the school view's reader. */
export const BENCH_DSL = { aadObjectId: '00000000-0000-4000-8000-0000000a0d51', name: 'DSL (FAKE)' };

/** One activity the generator produced: its body, and the event id and lesson it is for. */
export interface TrafficActivity {
  body: string;
  /** The activity id, which is the meeting event's id (one member per participant event). */
  eventId: string;
  meetingId: string;
}

type Context = Record<string, unknown>;

interface Lesson {
  meetingId: string;
  build: ReturnType<typeof lessonActivities>;
  sent: number;
  inRoom: boolean[];
  assistantOut: boolean;
}

/**
 * A lesson's opening events: its start, both staff joining and its first pupil (which starts the lesson's roster
 * checks). The bench's warm-up sends these for every lesson, so a measured phase holds a lesson's steady traffic.
 */
export const OPENING_EVENTS = 4;
/**
 * Share of an open lesson's turns on which it sends nothing. In strict turns every lesson would have sent the same
 * number of events at any moment, so all would fill their outboxes, and schedule their timers, in the same instant.
 */
const SKIP_SHARE = 0.5;

/** A small seeded generator, so two runs send the same shape of traffic. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a generator of activity bodies and an autocannon `setupRequest` that sends them. */
export function lessonTraffic(options: TrafficOptions) {
  const rand = random(options.seed);
  const pupils: ActivityPerson[] = Array.from({ length: options.pupilsPerLesson }, (_, n) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(100000000000 + n)}`,
    teamsId: `29:bench-pupil-${n}`,
    name: `Pupil ${n} (FAKE)`,
    role: 'Attendee',
  }));
  const lessons: Lesson[] = Array.from({ length: options.lessons }, () => {
    const { conversationId, meetingId } = newMeetingIds();
    return {
      meetingId,
      build: lessonActivities({ tenantId: BENCH_TENANT, meetingId, conversationId, serviceUrl: options.serviceUrl }),
      sent: 0,
      inRoom: pupils.map(() => false),
      assistantOut: false,
    };
  });
  const recent: TrafficActivity[] = [];
  let turn = 0;
  let duplicates = 0;

  const nextActivity = (lesson: Lesson): Record<string, unknown> => {
    const now = Date.now();
    const step = lesson.sent++;
    const [teacher, assistant] = BENCH_STAFF as [ActivityPerson, ActivityPerson];
    if (step === 0) return lesson.build.start(now, { organizer: teacher });
    if (step === 1) return lesson.build.join(teacher, now);
    if (step === 2) return lesson.build.join(assistant, now);
    if (lesson.assistantOut) {
      lesson.assistantOut = false;
      return lesson.build.join(assistant, now);
    }
    if (rand() < 0.03) {
      lesson.assistantOut = true;
      return lesson.build.leave(assistant, now);
    }
    const i = Math.floor(rand() * pupils.length);
    const wasIn = lesson.inRoom[i] ?? false;
    lesson.inRoom[i] = !wasIn;
    return wasIn ? lesson.build.leave(pupils[i]!, now) : lesson.build.join(pupils[i]!, now);
  };

  /** The next activity to send: usually the next event of the next lesson, sometimes a redelivery. */
  const next = (): TrafficActivity => {
    if (recent.length > 0 && rand() < options.duplicateShare) {
      duplicates++;
      return recent[Math.floor(rand() * recent.length)]!;
    }
    let lesson = lessons[turn++ % lessons.length]!;
    // Once open, a lesson is passed over on half its turns, so lessons drift apart as a school's do.
    while (lesson.sent >= OPENING_EVENTS && rand() < SKIP_SHARE) lesson = lessons[turn++ % lessons.length]!;
    const activity = nextActivity(lesson);
    const sent = { body: JSON.stringify(activity), eventId: String(activity['id']), meetingId: lesson.meetingId };
    recent.push(sent);
    if (recent.length > 64) recent.shift();
    return sent;
  };

  return {
    next,
    /** The meeting id of every lesson, whether or not any of its events was sent yet. */
    meetingIds: () => lessons.map((lesson) => lesson.meetingId),
    /** How many redeliveries were sent so far. */
    duplicates: () => duplicates,
    /** autocannon's `setupRequest`: POST the next activity to `path`; `onSent` hears what went on which connection. */
    request:
      (path: string, onSent?: (activity: TrafficActivity, request: AutocannonRequest, context: Context) => void) =>
      (request: AutocannonRequest, context: Context): AutocannonRequest => {
        const activity = next();
        onSent?.(activity, request, context);
        return {
          ...request,
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json' },
          body: activity.body,
        };
      },
  };
}
