import assert from 'node:assert/strict';
import { dayAndTime, emptyQueueWords, loggedWords, stateBadges } from '../../tab/src/school/concernWords.js';

const LONDON = 'Europe/London';

describe('tab/school view concern words: what a DSL reads on the queue', () => {
  it("gives the day and time in the school's zone, summer time included", () => {
    assert.equal(dayAndTime(Date.parse('2026-03-10T10:05:00Z'), LONDON), 'Tue 10 Mar, 10:05');
    assert.equal(dayAndTime(Date.parse('2026-06-01T23:30:00Z'), LONDON), 'Tue 2 Jun, 00:30');
  });

  it('says who logged it, when, and from which lesson when there was one', () => {
    const item = { loggedAt: Date.parse('2026-03-10T10:05:00Z'), reporter: 'Ms Adams' };
    assert.equal(loggedWords(item, LONDON), 'Logged Tue 10 Mar, 10:05 by Ms Adams');
    assert.equal(
      loggedWords({ ...item, lesson: 'Year 5 maths' }, LONDON),
      'Logged Tue 10 Mar, 10:05 by Ms Adams, from "Year 5 maths"',
    );
  });

  it('badges what is left to do on an open concern, and only "Closed" on a closed one', () => {
    const texts = (item: Parameters<typeof stateBadges>[0]) => stateBadges(item).map((b) => b.text);
    assert.deepEqual(texts({ urgency: 'urgent', acknowledged: false, status: 'open' }), [
      'Urgent',
      'Not acknowledged yet',
    ]);
    assert.deepEqual(texts({ urgency: 'routine', acknowledged: true, status: 'open' }), []);
    assert.deepEqual(texts({ urgency: 'urgent', acknowledged: true, status: 'closed' }), ['Closed']);
  });

  it('tells an empty queue apart from filters that match nothing', () => {
    assert.match(emptyQueueWords(false, 'open'), /^There are no open concerns/);
    assert.match(emptyQueueWords(true, 'open'), /^No concern matches these filters/);
  });
});
