import { strict as assert } from 'node:assert';
import { inSchoolHours, schoolHours } from '../../../bot/src/domain/rules/schoolHours.js';
import { at, compliantLesson, leave, meeting, join, policy, staff, timeline } from '../builders.js';

describe('rules/school-hours', () => {
  const strict = policy();
  const endOfDay = at(330); // Monday 15:00 in London

  it('seed 001 #3: sessions take place within school hours (09:00 - 15:00)', () => {
    const [finding] = schoolHours.evaluate(strict, compliantLesson(), endOfDay);
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.message ?? '', /09:00 to 15:00/);
    assert.equal(schoolHours.evaluate(strict, compliantLesson(), at(-31)).length, 1); // 08:59
  });

  it('seed 001 #3: a lesson inside school hours, or staff alone after hours, is fine', () => {
    assert.deepEqual(schoolHours.evaluate(strict, compliantLesson(), at(329)), []);
    assert.deepEqual(schoolHours.evaluate(strict, meeting(join(staff('t1'), at(400))), at(400)), []);
  });

  it("seed 001 #3: hours are read in the school's own time zone, summer time included", () => {
    const juneLondon = Date.UTC(2024, 5, 3, 13, 30); // Monday 14:30 BST
    assert.equal(inSchoolHours(strict, juneLondon), true);
    assert.equal(inSchoolHours(strict, juneLondon + 3_600_000), false); // 15:30 BST
    assert.equal(inSchoolHours(policy({ school: { timeZone: 'America/New_York' } }), at(0)), false); // 04:30 there
    assert.equal(inSchoolHours(strict, at(5 * 24 * 60)), false); // Saturday
  });

  it('seed 001 #3: asks to be re-checked at the end of the school day', () => {
    assert.equal(schoolHours.nextChangeAt?.(strict, compliantLesson(), at(10)), endOfDay);
  });

  it('seed 001 #3: raised after the grace period past 15:00, cleared when pupils leave', () => {
    const done = compliantLesson(leave('p1', endOfDay + 60_000));
    const steps = timeline(
      strict,
      [
        { state: compliantLesson(), now: endOfDay },
        { state: compliantLesson(), now: endOfDay + 30_000 },
        { state: done, now: endOfDay + 60_000 },
      ],
      'school-hours',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [[], []],
        [['school-hours'], []],
        [[], ['school-hours']],
      ],
    );
  });
});
