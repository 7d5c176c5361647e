/**
 * A school with many live lessons for the school view's phases: each lesson started through `/api/messages` like any
 * other (its organizer, both staff and two pupils join), then the board polled as the DSL until it lists them all (the
 * board is written in the background after each lesson write, so it lags the events a little).
 */
import { lessonActivities, newMeetingIds, type ActivityPerson } from '../bot/src/dev/activities.js';
import type { ChaperoneWorld } from './chaperone.js';
import { BENCH_STAFF, BENCH_TENANT } from './lessonTraffic.js';
import { currentEtag, postActivities } from './seedRequests.js';

/** Live lessons on the bench school's board. */
export const BOARD_LESSONS = 150;
// Lessons seeded at once: enough to finish in seconds, few enough not to measure the seeding.
const SEEDING_AT_ONCE = 8;
const PUPILS_EACH = 2;
/** How long the board may take to list every seeded lesson before the bench gives up. */
const BOARD_DEADLINE_MS = 60_000;
const POLL_EVERY_MS = 250;

/** What the school view's phases request. */
export interface SchoolBoard {
  nowUrl: string;
  authorization: string;
  /** The current ETag of the school's "now" view (fetched once with a 200). */
  etag(): Promise<string>;
}

/** Starts {@link BOARD_LESSONS} lessons on the Chaperone at `url` and waits until the school view lists them all. */
export async function seedSchoolBoard(url: string, world: ChaperoneWorld): Promise<SchoolBoard> {
  let next = 0;
  const seedNext = async (): Promise<void> => {
    for (let n = next++; n < BOARD_LESSONS; n = next++) await seedLesson(url, world, n);
  };
  await Promise.all(Array.from({ length: SEEDING_AT_ONCE }, seedNext));
  const nowUrl = `${url}/api/school/now`;
  const authorization = `Bearer ${await world.dslToken()}`;
  await boardListing(nowUrl, authorization, BOARD_LESSONS);
  return { nowUrl, authorization, etag: () => currentEtag(nowUrl, authorization, 'school now') };
}

/** Lesson `n`: started, both staff and its own two pupils in it. */
async function seedLesson(url: string, world: ChaperoneWorld, n: number): Promise<void> {
  const { meetingId, conversationId } = newMeetingIds();
  const lesson = lessonActivities({
    tenantId: BENCH_TENANT,
    meetingId,
    conversationId,
    serviceUrl: world.connector.url,
  });
  const pupils: ActivityPerson[] = Array.from({ length: PUPILS_EACH }, (_, p) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(300000000000 + n * PUPILS_EACH + p)}`,
    teamsId: `29:board-pupil-${n}-${p}`,
    name: `Pupil ${p} (FAKE)`,
  }));
  const now = Date.now();
  await postActivities(
    url,
    [
      lesson.start(now, { organizer: BENCH_STAFF[0], title: `Bench lesson ${n + 1}` }),
      ...BENCH_STAFF.map((s) => lesson.join(s, now)),
      ...pupils.map((p) => lesson.join(p, now)),
    ],
    `board lesson ${n + 1}`,
  );
}

/** Polls the "now" view until it lists `expected` live lessons; throws with what it saw at the deadline. */
async function boardListing(nowUrl: string, authorization: string, expected: number): Promise<void> {
  const deadline = Date.now() + BOARD_DEADLINE_MS;
  let seen = 'no answer yet';
  while (Date.now() < deadline) {
    const res = await fetch(nowUrl, { headers: { authorization } });
    const text = await res.text();
    if (res.status === 401 || res.status === 403)
      throw new Error(`GET /api/school/now answered ${res.status} to the bench DSL; check its staff list and token.`);
    if (res.ok) {
      const live = (JSON.parse(text) as { lessons: Array<{ state: string }> }).lessons.filter(
        (l) => l.state === 'live',
      ).length;
      if (live === expected) return;
      seen = `${live} live lessons`;
    } else seen = `status ${res.status}`;
    await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
  }
  throw new Error(
    `The school view did not list all ${expected} seeded lessons within ${BOARD_DEADLINE_MS / 1000} s ` +
      `(last answer: ${seen}). The board is written in the background after each lesson write ` +
      '(bot/src/app/schoolView/boardKeeper.ts): check that it is wired in and that its writes succeed.',
  );
}
