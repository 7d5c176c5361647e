import { strict as assert } from 'node:assert';
import { pastLessons } from '../../../bot/src/app/schoolView/pastLessons.js';
import { MONDAY, rows } from './weekRows.js';

describe('app/schoolView/pastLessons: the lessons of a range of days, searched', () => {
  const range = { from: MONDAY, to: '2026-11-29', timeZone: 'Europe/London' };
  it('newest first; by organizer and title words in any case; "had a serious alert" only; never a lesson that did not start', () => {
    const all = pastLessons(rows, range, {});
    assert.deepEqual(
      all.lessons.map((l) => l.meetingId),
      [rows[3], rows[2], rows[1], rows[0]].map((r) => r!.entry.meetingId),
    );
    assert.equal(all.lessons[0]?.hadCritical, undefined, 'no figures were kept for it: not known, not "no"');
    assert.deepEqual(pastLessons(rows, range, { organizer: 'brown' }).lessons.length, 2);
    assert.deepEqual(pastLessons(rows, range, { title: 'MATHS', critical: true }).lessons.length, 2);
    assert.deepEqual(pastLessons(rows, range, { title: 'science' }).lessons, []);
  });

  it('lists at most the newest `limit` and says there were more', () => {
    const view = pastLessons(rows, range, {}, 2);
    assert.deepEqual([view.lessons.length, view.more], [2, true]);
    assert.equal(pastLessons(rows, range, {}, 4).more, false);
  });
});
