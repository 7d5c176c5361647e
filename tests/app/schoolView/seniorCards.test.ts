import { strict as assert } from 'node:assert';
import { dueCards } from '../../../bot/src/app/schoolView/seniorCardSweep.js';
import {
  DIGEST_MAX_LESSONS,
  morningDigestCard,
  weeklyReportCard,
} from '../../../bot/src/app/schoolView/seniorCards.js';
import { weekReport } from '../../../bot/src/app/schoolView/weekReport.js';
import { policy } from '../../domain/builders.js';
import { lesson, MONDAY, rows } from './weekRows.js';

const BOTH_ON = policy({ seniorTeam: { morningDigest: true, weeklyReport: true } });
const FRIDAY = '2026-11-27';

describe('app/schoolView/seniorCards: what the senior team is sent (seed 000 #1: sessions known to SLT)', () => {
  it("the morning digest names the day's lessons earliest first, with time, organizer and limit; ended and cancelled ones are left out", () => {
    const later = lesson(FRIDAY, undefined, {
      startedAt: undefined,
      scheduledStart: Date.parse(`${FRIDAY}T13:00:00Z`),
      title: 'Year 6 science',
      organizerName: 'Mr Brown',
    });
    const early = lesson(FRIDAY, undefined, {
      startedAt: undefined,
      scheduledStart: Date.parse(`${FRIDAY}T09:15:00Z`),
    });
    const ended = lesson(FRIDAY, undefined, { endedAt: Date.parse(`${FRIDAY}T08:00:00Z`), title: 'Finished' });
    const cancelled = lesson(FRIDAY, undefined, {
      startedAt: undefined,
      scheduledStart: Date.parse(`${FRIDAY}T11:00:00Z`),
      cancelledAt: Date.parse(`${FRIDAY}T07:00:00Z`),
      title: 'Called off',
    });
    const card = morningDigestCard(
      [later, early, ended, cancelled].map((r) => r.entry),
      BOTH_ON,
      FRIDAY,
    );
    assert.ok(card);
    assert.equal(card.title, 'Live lessons today, Fri 27 Nov: 2');
    assert.deepEqual(card.lines.slice(0, 2), [
      '09:15 Year 5 maths, Ms Adams (up to 20 minutes)',
      '13:00 Year 6 science, Mr Brown (up to 20 minutes)',
    ]);
    assert.ok(
      card.lines.some((l) => /without Chaperone are not listed/.test(l)),
      'it says what it cannot know',
    );
  });

  it('no lesson known: no digest at all (never an all-clear about lessons Chaperone was not told of)', () => {
    assert.equal(morningDigestCard([], BOTH_ON, FRIDAY), undefined);
  });

  it(`a busy day names ${DIGEST_MAX_LESSONS} lessons and counts the rest`, () => {
    const many = Array.from({ length: DIGEST_MAX_LESSONS + 3 }, () => lesson(FRIDAY, undefined).entry);
    const card = morningDigestCard(many, BOTH_ON, FRIDAY);
    assert.ok(card);
    assert.ok(card.lines.includes('and 3 more.'));
    assert.equal(card.lines.filter((l) => l.includes('Year 5 maths')).length, DIGEST_MAX_LESSONS);
  });

  it("the Monday card carries last week's figures; a week with no lesson run sends none", () => {
    const card = weeklyReportCard(weekReport(rows, MONDAY, BOTH_ON));
    assert.ok(card);
    assert.equal(card.title, "Last week's live lessons, Mon 23 Nov to Sun 29 Nov");
    assert.deepEqual(card.lines.slice(0, 6), [
      'Lessons run: 4.',
      'Lessons with a serious alert: 2.',
      'Minutes with pupils and only one adult: 5.',
      'Serious alerts were taken after 3.5 minutes on average.',
      'Lessons whose meeting options Chaperone had to put right at the start: 1.',
      'Pupil checks nobody recorded: 2.',
    ]);
    assert.equal(weeklyReportCard(weekReport([], MONDAY, BOTH_ON)), undefined);
  });
});

describe('app/schoolView/seniorCardSweep: when the cards are due', () => {
  const at = (iso: string) => Date.parse(iso);

  it('off unless the school turns them on', () => {
    assert.deepEqual(dueCards(policy(), at('2026-11-23T08:00:00Z')), []);
  });

  it('from sendAt (07:30 on the school clock) until school ends; the digest on school days, the report on Mondays', () => {
    assert.deepEqual(dueCards(BOTH_ON, at('2026-11-23T07:29:00Z')), [], 'Monday before 07:30');
    assert.deepEqual(dueCards(BOTH_ON, at('2026-11-23T07:30:00Z')), [
      { kind: 'morning', day: '2026-11-23' },
      { kind: 'weekly', day: '2026-11-23' },
    ]);
    assert.deepEqual(dueCards(BOTH_ON, at('2026-11-24T12:00:00Z')), [{ kind: 'morning', day: '2026-11-24' }]);
    assert.deepEqual(dueCards(BOTH_ON, at('2026-11-24T15:00:00Z')), [], 'school has ended (15:00)');
    assert.deepEqual(dueCards(BOTH_ON, at('2026-11-28T09:00:00Z')), [], 'Saturday is not a school day');
  });

  it("in the school's own time zone: 07:30 British Summer Time is 06:30 UTC", () => {
    assert.deepEqual(dueCards(BOTH_ON, at('2026-06-01T06:30:00Z')).length, 2);
    assert.deepEqual(dueCards(BOTH_ON, at('2026-06-01T06:29:00Z')), []);
  });
});
