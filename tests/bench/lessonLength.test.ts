import { strict as assert } from 'node:assert';
import { lessonLengthCost, lengthLine } from '../../bench/lessonLength.js';

describe('bench/lessonLength', () => {
  it('counts each lesson event once per place it falls in, with the time the clock gave it', () => {
    // A clock that moves 1 µs per reading: every step takes exactly 1 µs.
    let ns = 0n;
    const clock = () => (ns += 1000n);
    const costs = lessonLengthCost({ lessons: 3, pupilsPerLesson: 4, lengths: [5, 20], window: 2, clock });
    assert.deepEqual(costs, [
      { events: 5, counted: 6, usPerEvent: 1 },
      { events: 20, counted: 6, usPerEvent: 1 },
    ]);
  });

  it('replays every lesson to the longest place and no further', () => {
    const seen: number[] = [];
    let ns = 0n;
    const clock = () => {
      seen.push(0);
      return (ns += 1000n);
    };
    lessonLengthCost({ lessons: 4, pupilsPerLesson: 3, lengths: [7], window: 7, clock });
    assert.equal(seen.length, 2 * 4 * 7, 'two clock readings per event, seven events per lesson');
  });

  it('says where in a lesson each figure was taken', () => {
    assert.equal(
      lengthLine([
        { events: 50, counted: 10, usPerEvent: 31.5 },
        { events: 500, counted: 10, usPerEvent: 60 },
      ]),
      'Lesson step per event (reducer, rules, delivery plan; no I/O), by its place in its lesson: event 50 31.5 µs, event 500 60 µs.',
    );
  });
});
