/**
 * What the lesson logic spends on one event as a lesson grows: the bench's lesson traffic replayed
 * through the lesson step (reducer, rules, delivery plan: `app/lesson/lessonStep.ts`; no I/O, no
 * server) in a plain loop, each event's time put in a bucket by its place in its lesson. A cost that
 * grows with the length of a lesson shows here, where the ingestion phases (about 45 events a lesson
 * by their end) cannot see it. Inside the service the same work costs several times more (it shares
 * the caches and the garbage collector with HTTP and storage), so compare these figures with each
 * other, not with the server's CPU per event.
 */
import { step } from '../bot/src/app/lesson/lessonStep.js';
import type { MeetingRecord } from '../bot/src/app/ports.js';
import { policyFromPreset } from '../bot/src/domain/policy/presets.js';
import { emptyMeeting } from '../bot/src/domain/reducer.js';
import type { MeetingEvent } from '../bot/src/domain/types.js';
import { parseMeetingActivity } from '../bot/src/teams/parseMeetingActivity.js';
import { BENCH_STAFF, lessonTraffic } from './lessonTraffic.js';

/** The mean cost of the events at one place in their lessons. */
export interface LengthCost {
  /** The events counted are the lesson's `events - window + 1`th to its `events`th. */
  events: number;
  usPerEvent: number;
  /** Events counted (the lessons times the window). */
  counted: number;
}

/** What {@link lessonLengthCost} replays. */
export interface LengthOptions {
  lessons: number;
  pupilsPerLesson: number;
  /** Places in a lesson to report, in events (ascending). */
  lengths: number[];
  /** Events before each place that count towards it. */
  window: number;
  /** A clock in nanoseconds (default `process.hrtime.bigint`). */
  clock?: () => bigint;
}

type Lesson = Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>;

const STAFF_IDS = new Set(BENCH_STAFF.map((s) => s.aadObjectId));
const DSLS = [{ aadObjectId: 'bench-dsl' }];

/** The event as the directory leaves it: the bench school's staff as staff, everyone else a pupil. */
function classified(event: MeetingEvent): MeetingEvent {
  if (event.kind !== 'participantJoined') return event;
  const role = STAFF_IDS.has(event.participant.id) ? 'staff' : 'pupil';
  return { ...event, participant: { ...event.participant, role } };
}

/** Replays lessons to the longest of `lengths` events each and reports the mean cost at each place. */
export function lessonLengthCost(options: LengthOptions): LengthCost[] {
  const clock = options.clock ?? process.hrtime.bigint;
  const longest = Math.max(...options.lengths);
  const policy = policyFromPreset('strict');
  const traffic = lessonTraffic({
    serviceUrl: 'http://127.0.0.1:9/',
    lessons: options.lessons,
    pupilsPerLesson: options.pupilsPerLesson,
    duplicateShare: 0,
    seed: 21,
  });
  const lessons = new Map<string, Lesson & { applied: number }>();
  const spent = options.lengths.map(() => ({ ns: 0n, counted: 0 }));
  let full = 0;
  while (full < options.lessons) {
    const activity = parseMeetingActivity(JSON.parse(traffic.next().body) as Record<string, unknown>);
    const id = activity.key.meetingId;
    const lesson = lessons.get(id) ?? {
      state: emptyMeeting(activity.key.tenantId, id),
      alerts: {},
      deliveries: [],
      applied: 0,
    };
    if (lesson.applied >= longest) continue;
    for (const raw of activity.events) {
      const event = classified(raw);
      const started = clock();
      const next = step(policy, activity.key, lesson, event, activity.address, event.at, DSLS);
      const took = clock() - started;
      lesson.state = next.state;
      lesson.alerts = next.alerts;
      lesson.deliveries = next.deliveries;
      lesson.applied += 1;
      options.lengths.forEach((length, i) => {
        if (lesson.applied > length - options.window && lesson.applied <= length) {
          spent[i]!.ns += took;
          spent[i]!.counted += 1;
        }
      });
    }
    lessons.set(id, lesson);
    if (lesson.applied >= longest) full += 1;
  }
  return options.lengths.map((events, i) => ({
    events,
    counted: spent[i]!.counted,
    usPerEvent: spent[i]!.counted ? Math.round(Number(spent[i]!.ns) / spent[i]!.counted / 100) / 10 : 0,
  }));
}

/** The bench's figures: 150 lessons of 25 pupils, at their 50th, 250th and 500th events (10 before each). */
export function benchLessonLengths(): LengthCost[] {
  return lessonLengthCost({ lessons: 150, pupilsPerLesson: 25, lengths: [50, 250, 500], window: 10 });
}

/** One line for the printed report. */
export function lengthLine(costs: readonly LengthCost[]): string {
  const at = costs.map((c) => `event ${c.events} ${c.usPerEvent} µs`).join(', ');
  return `Lesson step per event (reducer, rules, delivery plan; no I/O), by its place in its lesson: ${at}.`;
}
