import assert from 'node:assert/strict';
import { howLongAgo, lessonTime, peopleIn, reachWords } from '../../tab/src/school/schoolWords.js';

const LONDON = 'Europe/London';
const MIN = 60_000;
// 10:12 in London (GMT in March).
const AT = Date.parse('2026-03-10T10:12:00Z');
describe('tab/school view words: what a busy DSL reads', () => {
  const live = { state: 'live', startedAt: AT - 12 * MIN - 59_000, limitMinutes: 20 } as const;

  it('gives time against the limit in whole minutes, and how far over once past it', () => {
    assert.equal(lessonTime(live, AT, LONDON), '12 of 20 min');
    assert.equal(lessonTime({ ...live, startedAt: AT - 25 * MIN }, AT, LONDON), '25 of 20 min: 5 min over the limit');
    assert.equal(lessonTime({ ...live, startedAt: AT - 20 * MIN }, AT, LONDON), '20 of 20 min');
    assert.equal(lessonTime({ state: 'live', limitMinutes: 20 }, AT, LONDON), 'Live, start time not known');
  });

  it("says when an upcoming lesson starts in the school's time, and when one is late", () => {
    const soon = { state: 'upcoming', limitMinutes: 20, scheduledStart: AT + 18 * MIN } as const;
    assert.equal(lessonTime(soon, AT, LONDON), 'Starts at 10:30, in 18 min');
    assert.equal(lessonTime(soon, AT, 'Asia/Tokyo'), 'Starts at 19:30, in 18 min');
    assert.equal(lessonTime({ ...soon, scheduledStart: AT - 5 * MIN }, AT, LONDON), 'Due at 10:07, not started yet');
  });

  it('counts people and time passed in plain words', () => {
    assert.equal(peopleIn({ staffIn: 0, pupilsIn: 1 }), '0 adults, 1 pupil');
    assert.equal(peopleIn({ staffIn: 1, pupilsIn: 12 }), '1 adult, 12 pupils');
    assert.equal(howLongAgo(AT - 30_000, AT), 'just now');
    assert.equal(howLongAgo(AT - 4 * MIN, AT), '4 min ago');
    assert.equal(howLongAgo(AT - 65 * MIN, AT), '1 h 5 min ago');
    assert.equal(howLongAgo(AT - 120 * MIN, AT), '2 h ago');
  });

  it('says how far an alert reached only as far as Teams confirmed it', () => {
    assert.equal(reachWords({ state: 'sent', reached: 'dsl' }), 'Sent to the DSL.');
    assert.match(reachWords({ state: 'sent', reached: 'deputies' }), /went on to the deputies/);
    assert.equal(
      reachWords({ state: 'pending', reached: 'dsl' }),
      'Not delivered to the DSL yet: Teams is not answering. Chaperone keeps trying.',
    );
    assert.match(reachWords({ state: 'failed', reached: 'slt' }), /could not deliver it to the senior leaders/);
    assert.equal(reachWords(undefined), 'No one on the safeguarding team was sent this alert.');
  });
});
