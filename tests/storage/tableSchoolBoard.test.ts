import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import fc from 'fast-check';
import type { BoardEntry } from '../../bot/src/app/schoolView/boardEntry.js';
import type { BoardRow } from '../../bot/src/app/schoolView/ports.js';
import { TableSchoolBoard } from '../../bot/src/storage/tableSchoolBoard.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';

const entry = (meetingId: string, staffIn: number): BoardEntry => ({
  meetingId,
  title: 'Year 6 maths',
  live: true,
  limitMinutes: 20,
  staffIn,
  pupilsIn: 3,
  noAdult: staffIn === 0,
  alerts: [],
});
const row = (revision: number, meetingId = 'm-1', tenantId = 'school-a', day = '2026-11-26'): BoardRow => ({
  tenantId,
  day,
  revision,
  entry: entry(meetingId, revision),
});

describe('storage/tableSchoolBoard: one keyed partition per school and day, newest lesson version wins', function () {
  this.timeout(60_000);
  let table: TableClient;

  beforeEach(async () => {
    const azurite = await sharedAzurite();
    table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('board'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
  });

  it('lists each school with a board once, whatever its days, including ids that are prefixes of others', async () => {
    const board = new TableSchoolBoard(table);
    for (const [tenant, day] of [
      ['ab', '2026-11-20'],
      ['ab', '2026-11-26'],
      ['ab+x', '2026-11-26'],
      ['ab/x', '2026-11-26'],
      ['abc', '2026-11-01'],
    ] as const) {
      await board.put(row(1, 'm-1', tenant, day));
    }
    await table.createEntity({ partitionKey: 'idx!other', rowKey: '1' }); // another kind of partition: not a school board
    const schools: string[] = [];
    for await (const school of board.schools()) schools.push(school);
    assert.deepEqual(schools.sort(), ['ab', 'ab+x', 'ab/x', 'abc']);
  });

  it("reads a school's day and nothing of another school or day", async () => {
    const board = new TableSchoolBoard(table);
    await board.put(row(1, 'm-1'));
    await board.put(row(1, 'm-2'));
    await board.put(row(1, 'm-3', 'school-b'));
    await board.put(row(1, 'm-4', 'school-a', '2026-11-25'));
    const day = await board.day('school-a', '2026-11-26');
    assert.deepEqual(day.map((e) => e.meetingId).sort(), ['m-1', 'm-2']);
    assert.deepEqual(await board.day('school-c', '2026-11-26'), []);
  });

  it("reads a school's days from one date to another, each row with its day, and no other school's", async () => {
    const board = new TableSchoolBoard(table);
    await board.put(row(1, 'm-before', 'school-a', '2026-11-22'));
    await board.put(row(1, 'm-mon', 'school-a', '2026-11-23'));
    await board.put(row(1, 'm-sun', 'school-a', '2026-11-29'));
    await board.put(row(1, 'm-after', 'school-a', '2026-11-30'));
    // A school whose id starts with the first's, and one that sorts just after it.
    await board.put(row(1, 'm-longer', 'school-a-2', '2026-11-24'));
    await board.put(row(1, 'm-b', 'school-b', '2026-11-24'));
    const week = await board.days('school-a', '2026-11-23', '2026-11-29');
    assert.deepEqual(week.map((r) => [r.day, r.entry.meetingId]).sort(), [
      ['2026-11-23', 'm-mon'],
      ['2026-11-29', 'm-sun'],
    ]);
    assert.deepEqual(await board.days('school-c', '2026-11-01', '2026-11-30'), []);
  });

  it('a row from an older lesson version never replaces a newer one, from this instance or another', async () => {
    const first = new TableSchoolBoard(table);
    const second = new TableSchoolBoard(table);
    assert.equal(await first.put(row(2)), 'written');
    assert.equal(await second.put(row(5)), 'written');
    assert.equal(await first.put(row(4)), 'stale', 'the first instance learns of revision 5 from the 412');
    assert.equal((await first.day('school-a', '2026-11-26'))[0]?.staffIn, 5);
    assert.equal(await first.put(row(6)), 'written');
    assert.equal((await second.day('school-a', '2026-11-26'))[0]?.staffIn, 6);
  });

  it('two instances writing the same lessons concurrently, in any order, leave each lesson at its newest version', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ instance: fc.nat(1), lesson: fc.nat(2), revision: fc.integer({ min: 1, max: 40 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (writes) => {
          const run = `run${Math.random().toString(36).slice(2, 8)}`;
          const instances = [new TableSchoolBoard(table), new TableSchoolBoard(table)];
          await Promise.all(writes.map((w) => instances[w.instance]!.put(row(w.revision, `${run}-${w.lesson}`))));
          const stored = new Map(
            (await instances[0]!.day('school-a', '2026-11-26'))
              .filter((e) => e.meetingId.startsWith(run))
              .map((e) => [e.meetingId, e.staffIn]),
          );
          for (const lesson of new Set(writes.map((w) => w.lesson))) {
            const newest = Math.max(...writes.filter((w) => w.lesson === lesson).map((w) => w.revision));
            assert.equal(stored.get(`${run}-${lesson}`), newest);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it("retention: removes a school's days before the cutoff, and nothing of that day, later days or other schools", async () => {
    const board = new TableSchoolBoard(table);
    await board.put(row(1, 'old-1', 'school-a', '2026-08-01'));
    await board.put(row(1, 'old-2', 'school-a', '2026-08-31'));
    await board.put(row(1, 'kept', 'school-a', '2026-09-01'));
    await board.put(row(1, 'other', 'school-a2', '2026-08-01'));
    assert.equal(await board.expireBefore('school-a', '2026-09-01'), 2);
    assert.deepEqual(await board.day('school-a', '2026-08-01'), []);
    assert.equal((await board.day('school-a', '2026-09-01')).length, 1);
    assert.equal((await board.day('school-a2', '2026-08-01')).length, 1);
  });

  it('removes a lesson from a day it no longer belongs to; removing twice is fine', async () => {
    const board = new TableSchoolBoard(table);
    await board.put(row(1));
    await board.remove('school-a', '2026-11-26', 'm-1');
    await board.remove('school-a', '2026-11-26', 'm-1');
    assert.deepEqual(await board.day('school-a', '2026-11-26'), []);
    assert.equal(await board.put(row(1)), 'written', 'a removed row can be written again');
  });
});
