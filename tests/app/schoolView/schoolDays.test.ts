import { strict as assert } from 'node:assert';
import { addDays, daysFromTo, isDay, mondayOf, schoolDay } from '../../../bot/src/app/schoolView/schoolDays.js';

describe('app/schoolView/schoolDays: dates on the school calendar', () => {
  it('steps whole days across the clocks going back (25 Oct 2026 in London), and finds the Monday', () => {
    assert.equal(addDays('2026-10-24', 2), '2026-10-26');
    assert.equal(daysFromTo('2026-10-01', '2026-10-31'), 31);
    assert.equal(mondayOf('2026-10-25'), '2026-10-19');
    assert.equal(mondayOf('2026-10-26'), '2026-10-26');
    // 23:30 UTC on Sunday 29 March 2026 is already Monday 00:30 in London (BST).
    assert.equal(schoolDay(Date.parse('2026-03-29T23:30:00Z'), 'Europe/London'), '2026-03-30');
  });

  it('only real dates written YYYY-MM-DD are days', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-11-23', '2026-11-23T00:00', '']) assert.equal(isDay(bad), false);
    assert.equal(isDay('2028-02-29'), true);
  });
});
