import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { BoardReader } from '../../../bot/src/app/schoolView/boardReader.js';
import type { BoardEntry } from '../../../bot/src/app/schoolView/boardEntry.js';

const entry = (meetingId: string): BoardEntry => ({
  meetingId,
  title: 'Year 6 maths',
  live: true,
  limitMinutes: 20,
  staffIn: 2,
  pupilsIn: 3,
  noAdult: false,
  alerts: [],
});
// 23:59:30 in London on 1 June (British Summer Time, UTC+1).
const BEFORE_MIDNIGHT = Date.parse('2026-06-01T22:59:30Z');

describe('app/schoolView/boardReader: one read of a school day serves every poller for a few seconds', () => {
  it("reads the school's own local day, and the next day from local midnight (not UTC's)", async () => {
    let now = BEFORE_MIDNIGHT;
    const day = sinon.stub().resolves([entry('m-1')]);
    const reader = new BoardReader({ day }, () => now, 60_000);
    assert.equal((await reader.today('school', 'Europe/London')).day, '2026-06-01');
    now += 29_999;
    assert.equal((await reader.today('school', 'Europe/London')).day, '2026-06-01', 'still 23:59:59.999');
    now += 1;
    assert.equal((await reader.today('school', 'Europe/London')).day, '2026-06-02', "London's midnight");
    assert.deepEqual(
      day.args.map((a) => a[1]),
      ['2026-06-01', '2026-06-02'],
      'the same day within the cache time is one query; a new day is read at once',
    );
  });

  it('many pollers within the cache time cost one query; a change this instance wrote is read at once', async () => {
    let now = BEFORE_MIDNIGHT - 3_600_000;
    const day = sinon.stub().resolves([entry('m-1')]);
    const reader = new BoardReader({ day }, () => now, 5_000);
    const reads = await Promise.all(Array.from({ length: 20 }, () => reader.today('school', 'Europe/London')));
    assert.equal(day.callCount, 1);
    assert.equal(new Set(reads.map((r) => r.tag)).size, 1);
    day.resolves([entry('m-1'), entry('m-2')]);
    now += 4_000;
    assert.equal((await reader.today('school', 'Europe/London')).entries.length, 1, 'within the cache time');
    reader.invalidate('school');
    const fresh = await reader.today('school', 'Europe/London');
    assert.equal(fresh.entries.length, 2);
    assert.notEqual(fresh.tag, reads[0]!.tag, 'a changed board has a new tag');
  });

  it('keeps schools apart and does not cache a failed read', async () => {
    const day = sinon.stub();
    day.withArgs('school-a').resolves([entry('a')]);
    day
      .withArgs('school-b')
      .onFirstCall()
      .rejects(new Error('down'))
      .onSecondCall()
      .resolves([entry('b')]);
    const reader = new BoardReader({ day }, () => BEFORE_MIDNIGHT, 5_000);
    assert.deepEqual(
      (await reader.today('school-a', 'Europe/London')).entries.map((e) => e.meetingId),
      ['a'],
    );
    await assert.rejects(reader.today('school-b', 'Europe/London'));
    assert.deepEqual(
      (await reader.today('school-b', 'Europe/London')).entries.map((e) => e.meetingId),
      ['b'],
    );
  });
});
