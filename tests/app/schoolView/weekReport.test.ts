import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import { weekCsv } from '../../../bot/src/app/schoolView/weekCsv.js';
import { weekReport } from '../../../bot/src/app/schoolView/weekReport.js';
import { policy } from '../../domain/builders.js';
import { lesson, MONDAY, quiet, rows } from './weekRows.js';

const POLICY = policy({ school: { name: 'Hill Primary' } });

describe('app/schoolView/weekReport: "This week" for the safeguarding team', () => {
  it('adds up the week: lessons run, serious alerts, minutes with one adult, time to take an alert, drift, checks undone', () => {
    const week = weekReport(rows, MONDAY, POLICY);
    assert.deepEqual([week.start, week.end, week.school.name], [MONDAY, '2026-11-29', 'Hill Primary']);
    assert.deepEqual(week.totals, {
      lessons: 4,
      withCritical: 2,
      minutesOneAdult: 5,
      criticalRaises: 3,
      acknowledged: 2,
      averageAcknowledgeMinutes: 3.5,
      settingsDrift: 1,
      settingsUnchecked: 1,
      checksUndone: 2,
      withoutFigures: 1,
    });
  });

  it('by day, Monday to Sunday, each day named; by organizer, most lessons first', () => {
    const week = weekReport(rows, MONDAY, POLICY);
    assert.deepEqual(
      week.days.map((d) => [d.label, d.lessons, d.withCritical]),
      [
        ['Mon 23 Nov', 2, 1],
        ['Tue 24 Nov', 0, 0],
        ['Wed 25 Nov', 1, 1],
        ['Thu 26 Nov', 0, 0],
        ['Fri 27 Nov', 1, 0],
        ['Sat 28 Nov', 0, 0],
        ['Sun 29 Nov', 0, 0],
      ],
    );
    assert.equal(week.days[1]?.averageAcknowledgeMinutes, undefined, 'no average of nothing');
    assert.deepEqual(
      week.organizers.map((o) => [o.name, o.lessons, o.averageAcknowledgeMinutes]),
      [
        ['Mr Brown', 2, undefined],
        ['Ms Adams', 1, 3.5],
        ['Organizer not known', 1, undefined],
      ],
    );
  });

  it('the CSV lists the week, each day and each organizer with the same columns; names a spreadsheet would run are defused', () => {
    const risky = lesson(MONDAY, { ...quiet }, { organizerId: 'aad-x', organizerName: '=HYPERLINK("x")' });
    const table = parse(weekCsv(weekReport([...rows, risky], MONDAY, POLICY))) as string[][];
    assert.deepEqual(table[0]?.slice(0, 4), ['Group', 'Name', 'Lessons run', 'Lessons with a serious alert']);
    assert.deepEqual(table[1]?.slice(0, 3), ['Week', 'Mon 23 Nov to Sun 29 Nov 2026', '5']);
    assert.deepEqual(
      table.slice(2, 9).map((r) => r.slice(0, 3)),
      [
        ['Day', 'Mon 23 Nov 2026', '3'],
        ['Day', 'Tue 24 Nov 2026', '0'],
        ['Day', 'Wed 25 Nov 2026', '1'],
        ['Day', 'Thu 26 Nov 2026', '0'],
        ['Day', 'Fri 27 Nov 2026', '1'],
        ['Day', 'Sat 28 Nov 2026', '0'],
        ['Day', 'Sun 29 Nov 2026', '0'],
      ],
    );
    assert.deepEqual(
      table.slice(9).map((r) => r.slice(0, 2)),
      [
        ['Organizer', 'Mr Brown'],
        ['Organizer', '\'=HYPERLINK("x")'],
        ['Organizer', 'Ms Adams'],
        ['Organizer', 'Organizer not known'],
      ],
    );
    assert.ok(table.every((r) => r.length === table[0]!.length));
  });
});
