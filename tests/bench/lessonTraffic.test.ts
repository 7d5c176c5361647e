import { strict as assert } from 'node:assert';
import { lessonTraffic, OPENING_EVENTS } from '../../bench/lessonTraffic.js';

const LESSONS = 30;

function traffic(seed = 7) {
  return lessonTraffic({
    serviceUrl: 'http://127.0.0.1:9/',
    lessons: LESSONS,
    pupilsPerLesson: 5,
    duplicateShare: 0,
    seed,
  });
}

/** The lesson (by meeting id) of each of the next `n` activities. */
function lessonsOf(t: ReturnType<typeof traffic>, n: number): string[] {
  return Array.from({ length: n }, () => t.next().meetingId);
}

describe('bench/lessonTraffic', () => {
  it('opens every lesson in strict turns, so a warm-up of that many requests opens them all', () => {
    const t = traffic();
    const sent = lessonsOf(t, LESSONS * OPENING_EVENTS);
    const counts = new Map<string, number>();
    for (const id of sent) counts.set(id, (counts.get(id) ?? 0) + 1);
    assert.deepEqual(new Set(counts.keys()), new Set(t.meetingIds()));
    assert.ok([...counts.values()].every((n) => n === OPENING_EVENTS));
  });

  it('lets open lessons drift apart instead of moving in lockstep', () => {
    const t = traffic();
    lessonsOf(t, LESSONS * OPENING_EVENTS);
    const counts = new Map<string, number>();
    for (const id of lessonsOf(t, LESSONS * 20)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const values = [...counts.values()];
    // In lockstep every lesson would have sent exactly 20 more.
    assert.ok(Math.max(...values) - Math.min(...values) >= 6, `spread ${Math.min(...values)}-${Math.max(...values)}`);
  });

  it('still sends consecutive requests to distinct lessons, so requests in flight do not queue behind each other', () => {
    const t = traffic();
    lessonsOf(t, LESSONS * OPENING_EVENTS);
    const sent = lessonsOf(t, LESSONS * 10);
    const window = LESSONS / 3;
    for (let i = 0; i + window <= sent.length; i++) {
      assert.equal(new Set(sent.slice(i, i + window)).size, window, `requests ${i}-${i + window - 1}`);
    }
  });
});
