/** One lesson in progress for the status endpoint phases, built through `/api/messages` like any other. */
import { lessonActivities, newMeetingIds } from '../bot/src/dev/activities.js';
import type { ChaperoneWorld } from './chaperone.js';
import { BENCH_STAFF, BENCH_TENANT } from './lessonTraffic.js';
import { currentEtag, postActivities } from './seedRequests.js';

/** What the status phases request. */
export interface StatusLesson {
  statusUrl: string;
  authorization: string;
  /** The current ETag of the lesson's status (fetched once with a 200). */
  etag(): Promise<string>;
}

/**
 * Starts a lesson on the Chaperone at `url` with both staff and ten pupils in it and returns how to poll its status.
 */
export async function seedStatusLesson(url: string, world: ChaperoneWorld): Promise<StatusLesson> {
  const { meetingId, conversationId } = newMeetingIds();
  const lesson = lessonActivities({
    tenantId: BENCH_TENANT,
    meetingId,
    conversationId,
    serviceUrl: world.connector.url,
  });
  const now = Date.now();
  const pupils = Array.from({ length: 10 }, (_, n) => ({
    aadObjectId: `00000000-0000-4000-8000-${String(200000000000 + n)}`,
    teamsId: `29:status-pupil-${n}`,
    name: `Pupil ${n} (FAKE)`,
  }));
  const activities = [
    lesson.start(now, { organizer: BENCH_STAFF[0] }),
    ...BENCH_STAFF.map((s) => lesson.join(s, now)),
    ...pupils.map((p) => lesson.join(p, now)),
  ];
  await postActivities(url, activities, 'the status lesson');
  const statusUrl = `${url}/api/meetings/${encodeURIComponent(meetingId)}/status`;
  const authorization = `Bearer ${await world.teacherToken()}`;
  return {
    statusUrl,
    authorization,
    etag: () => currentEtag(statusUrl, authorization, 'status'),
  };
}
