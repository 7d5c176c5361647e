import { strict as assert } from 'node:assert';
import type { FeedEntry } from '../../bot/src/dev/simulator/feed.js';
import type { LessonView } from '../../bot/src/dev/simulator/simRoutes.js';
import { standIn } from '../support/suiteResource.js';
import { PEOPLE, personPath, startSimService, type SimService } from './simService.js';

/** What the simulator's state route answers. */
export type State = { now: number; offsetMs: number; lessons: LessonView[] };

/**
 * A fresh simulator with Year 5 maths created (Ms Khan organizing) for each test of the enclosing `describe`, and the
 * simulator API's calls. `onLesson` is given each test's lesson id.
 */
export function useSimLesson(onLesson: (meetingId: string) => void) {
  let current: SimService | undefined;
  let meetingId = '';
  const sim = standIn(() => current);

  const ok = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await sim.call<T>(method, path, body);
    assert.equal(res.status, 200, `${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const act = (personId: string, action: string) => ok<State>('POST', personPath(meetingId, personId, action), {});
  const feed = async () => (await ok<{ entries: FeedEntry[] }>('GET', '/dev/api/feed?after=-1')).entries;
  const alerts = async (rule: string) =>
    (await feed()).filter((e) => e.kind === 'alert' && e.summary.toLowerCase().includes(rule));
  const lesson = async () => (await ok<State>('GET', '/dev/api/state')).lessons.find((l) => l.meetingId === meetingId)!;

  beforeEach(async () => {
    current = await startSimService();
    ({ meetingId } = await ok<{ meetingId: string }>('POST', '/dev/api/lessons', {
      title: 'Year 5 maths',
      kind: 'Scheduled',
      organizerId: PEOPLE.khan,
      startsInMinutes: 0,
    }));
    onLesson(meetingId);
  });
  afterEach(() => current?.stop());

  /** Ms Khan, Mr Osei, Amira, Ben and Chloe join. */
  async function twoStaffThreePupils(): Promise<void> {
    for (const id of [PEOPLE.khan, PEOPLE.osei, PEOPLE.amira, PEOPLE.ben, PEOPLE.chloe]) await act(id, 'join');
  }
  return { sim, ok, act, feed, alerts, lesson, twoStaffThreePupils };
}
