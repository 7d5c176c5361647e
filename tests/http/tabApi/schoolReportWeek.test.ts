import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { WeekReport } from '../../../bot/src/app/schoolView/weekReport.js';
import { PEOPLE } from '../../support/tabServer.js';
import { DSL, useRecordedWeek } from './recordedWeek.js';

describe('http/tabApi: the school view looking back (GET /api/school/lessons, /week, /week.csv)', function () {
  this.timeout(60_000);
  const { call, json, errorOf } = useRecordedWeek();

  it('refuses a range it cannot read with a sentence saying what to change', async () => {
    for (const [query, says] of [
      ['from=2026-11-26&to=2026-11-20', /after the "to" date/],
      ['from=2026-10-26&to=2026-11-26', /at most 31 days/],
      ['from=2026-02-30&to=2026-03-01', /real days/],
      ['to=26/11/2026', /real days/],
      ['critical=yes', /could not be read/],
    ] as const) {
      const res = await call(`/api/school/lessons?${query}`, DSL);
      assert.equal(res.status, 400, query);
      assert.match((await errorOf(res)).message, says, query);
    }
    for (const [query, says] of [
      ['start=2026-11-24', /starts on a Monday/],
      ['start=next-week', /real days/],
    ] as const) {
      const res = await call(`/api/school/week?${query}`, DSL);
      assert.equal(res.status, 400, query);
      assert.match((await errorOf(res)).message, says, query);
    }
  });

  it("this week (the school's Monday by default): totals, each day and each organizer", async () => {
    const week = await json<WeekReport>('/api/school/week');
    assert.deepEqual([week.start, week.end], ['2026-11-23', '2026-11-29']);
    const { totals } = week;
    assert.deepEqual(
      [
        totals.lessons,
        totals.withCritical,
        totals.acknowledged,
        totals.averageAcknowledgeMinutes,
        totals.minutesOneAdult,
      ],
      [2, 1, 1, 2, 3],
    );
    // Pupil One alone (taken) and the last adult leaving without ending the meeting (nobody took it).
    assert.equal(totals.criticalRaises, 2);
    assert.deepEqual(
      [totals.checksUndone, week.days[0]?.checksUndone, week.days[2]?.checksUndone],
      [6, 3, 3],
      "nobody recorded either pupil's three checks",
    );
    assert.deepEqual(
      week.days.map((d) => d.lessons),
      [1, 0, 1, 0, 0, 0, 0],
    );
    assert.deepEqual(
      week.organizers.map((o) => [o.name, o.lessons, o.withCritical]),
      [
        [PEOPLE.teacherB.name, 1, 0],
        [PEOPLE.teacherA.name, 1, 1],
      ],
    );
    const before = await json<WeekReport>('/api/school/week?start=2026-11-16');
    assert.deepEqual([before.totals.lessons, before.days[4]?.lessons], [1, 1], 'last week: the Friday lesson');
  });

  it('downloads the week as a CSV file for a spreadsheet', async () => {
    const res = await call('/api/school/week.csv?start=2026-11-23', DSL);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="chaperone-week-2026-11-23.csv"');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    assert.ok(text.startsWith('\uFEFF'), 'a byte order mark, so Excel reads names as UTF-8');
    const table = parse(text.slice(1)) as string[][];
    assert.deepEqual(table[1]?.slice(0, 4), ['Week', 'Mon 23 Nov to Sun 29 Nov 2026', '2', '1']);
    assert.deepEqual(
      table.filter((r) => r[0] === 'Organizer').map((r) => r[1]),
      [PEOPLE.teacherB.name, PEOPLE.teacherA.name],
    );
  });
});
