import { strict as assert } from 'node:assert';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import { TableConcernStore } from '../../bot/src/storage/concerns/tableConcernStore.js';
import { MeetingIndex } from '../../bot/src/storage/meetingIndex.js';
import { meetingPartition } from '../../bot/src/storage/meetingRows.js';
import { OUTBOX_MAX_EVENTS } from '../../bot/src/storage/snapshotOutbox.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { details, viewer } from '../app/concerns/fixtures.js';
import { DAY, T0 } from '../app/retention/fakes.js';
import { endedEvent, freshTables, lessonState } from './storageFixtures.js';
import { collect, indexedIds, makeSweep, OLD, recordLesson, RECENT, rowKeys, TENANT } from './retentionHarness.js';
import { writeLegacyEventRows } from './legacyEventRows.js';

/** Events enough for two flushes of the outbox, so a lesson has pages of events besides its snapshot. */
const EVENTS = 2 * OUTBOX_MAX_EVENTS + 8;

describe('storage/tableRetention (the retention sweep on Azurite)', () => {
  it('on day 31 deletes the day-0 lesson whole and its index entry, keeps the day-5 lesson and the concern that names the old one', async () => {
    const tables = await freshTables();
    const meetings = new TableMeetingStore(tables.meetings);
    await recordLesson(meetings, OLD, T0, EVENTS);
    await recordLesson(meetings, RECENT, T0 + 5 * DAY, EVENTS);
    // A row of another kind kept with the lesson (delivery rows may be): it goes with the lesson.
    await tables.meetings.createEntity({ partitionKey: meetingPartition(OLD), rowKey: 'dlv-alert-1', state: 'sent' });
    const concerns = new TableConcernStore(tables.concerns);
    const lessonLink = { meetingId: OLD.meetingId, title: 'Year 9 maths' };
    const raised = {
      tenantId: TENANT,
      ref: 'C-OLD001',
      reporter: viewer('staff'),
      raisedAt: T0 + 60_000,
      clientRequestId: 'form-1',
    };
    await concerns.create({ ...raised, details: details({ lesson: lessonLink }) });
    const oldRows = (await rowKeys(tables.meetings, meetingPartition(OLD))).length;
    const recentEvents = (await meetings.listEvents(RECENT)).length;
    assert.ok(oldRows > 3, 'the old lesson has event rows as well as its snapshot');

    const summary = await makeSweep(tables.meetings, meetings)(T0 + 31 * DAY);

    assert.deepEqual(summary, { lessons: 1, rows: oldRows, indexRows: 1, kept: 0, failed: 0, more: false });
    assert.deepEqual(await rowKeys(tables.meetings, meetingPartition(OLD)), []);
    assert.equal(await meetings.load(OLD), undefined);
    assert.deepEqual(await indexedIds(tables.meetings, TENANT), [RECENT.meetingId]);
    assert.equal((await meetings.load(RECENT))?.state.startedAt, T0 + 5 * DAY);
    assert.equal((await meetings.listEvents(RECENT)).length, recentEvents);
    const concern = await concerns.get(TENANT, 'C-OLD001');
    assert.deepEqual(concern?.details.lesson, lessonLink, 'the concern still names the lesson it came from');

    const rerun = await makeSweep(tables.meetings, meetings)(T0 + 31 * DAY + 60_000);
    assert.deepEqual(rerun, { lessons: 0, rows: 0, indexRows: 0, kept: 0, failed: 0, more: false });
  });

  it('deletes a lesson of more than 100 rows (several transactions) down to nothing', async () => {
    const tables = await freshTables();
    const meetings = new TableMeetingStore(tables.meetings);
    await recordLesson(meetings, OLD, T0, 60);
    // A lesson stored before pages has a row per flushed event.
    const older = Array.from({ length: 200 }, (_, i) => endedEvent(`${OLD.meetingId}-old${i}`, T0 - 1000 + i));
    await writeLegacyEventRows(tables.meetings, OLD, older);
    const before = (await rowKeys(tables.meetings, meetingPartition(OLD))).length;
    assert.ok(before > 200, `expected over 200 rows, found ${before}`);
    const summary = await makeSweep(tables.meetings, meetings)(T0 + 31 * DAY);
    assert.equal(summary?.rows, before);
    assert.deepEqual(await rowKeys(tables.meetings, meetingPartition(OLD)), []);
  });

  it('finishes a pass that stopped part-way: rows left behind, or only the index entry', async () => {
    const tables = await freshTables();
    const meetings = new TableMeetingStore(tables.meetings);
    const gone: MeetingKey = { tenantId: TENANT, meetingId: 'rows-gone' };
    await recordLesson(meetings, OLD, T0, EVENTS);
    await recordLesson(meetings, gone, T0, 2);
    // The first transaction of an interrupted pass took the snapshot (and maybe more); another finished the rows only.
    await tables.meetings.deleteEntity(meetingPartition(OLD), 'state');
    for (const rowKey of await rowKeys(tables.meetings, meetingPartition(gone)))
      await tables.meetings.deleteEntity(meetingPartition(gone), rowKey);
    const left = (await rowKeys(tables.meetings, meetingPartition(OLD))).length;
    assert.ok(left > 0);

    const summary = await makeSweep(tables.meetings, meetings)(T0 + 31 * DAY);
    assert.deepEqual(summary, { lessons: 1, rows: left, indexRows: 2, kept: 0, failed: 0, more: false });
    assert.deepEqual(await rowKeys(tables.meetings, meetingPartition(OLD)), []);
    assert.deepEqual(await indexedIds(tables.meetings, TENANT), []);
  });

  it('two instances sweeping at once delete every row exactly once between them', async () => {
    const tables = await freshTables();
    const meetings = new TableMeetingStore(tables.meetings);
    await recordLesson(meetings, OLD, T0, 230);
    const before = (await rowKeys(tables.meetings, meetingPartition(OLD))).length;
    const instances = [
      makeSweep(tables.meetings, meetings),
      makeSweep(tables.meetings, new TableMeetingStore(tables.meetings)),
    ];
    const [a, b] = await Promise.all(instances.map((sweep) => sweep(T0 + 31 * DAY)));
    assert.equal((a?.failed ?? 1) + (b?.failed ?? 1), 0);
    assert.equal((a?.rows ?? 0) + (b?.rows ?? 0), before);
    assert.deepEqual(await rowKeys(tables.meetings, meetingPartition(OLD)), []);
    assert.deepEqual(await indexedIds(tables.meetings, TENANT), []);
  });

  it('keeps a meeting used again within the period and re-files its old index entry under the latest start', async () => {
    const tables = await freshTables();
    const meetings = new TableMeetingStore(tables.meetings);
    await recordLesson(meetings, OLD, T0, 3);
    const reopened = lessonState(TENANT, OLD.meetingId, { startedAt: T0 + 20 * DAY, lastEventAt: T0 + 20 * DAY });
    const etag = (await meetings.load(OLD))?.etag;
    assert.equal(
      (await meetings.commit(OLD, endedEvent('reopened', T0 + 20 * DAY), { state: reopened, alerts: {} }, etag))
        .outcome,
      'applied',
    );
    const index = new MeetingIndex(tables.meetings);
    assert.equal((await collect(index.newestFirst(TENANT))).length, 2, 'indexed under both starts');

    const summary = await makeSweep(tables.meetings, meetings)(T0 + 31 * DAY);
    assert.deepEqual(summary, { lessons: 0, rows: 0, indexRows: 1, kept: 1, failed: 0, more: false });
    assert.deepEqual(await collect(index.newestFirst(TENANT)), [
      { meetingId: OLD.meetingId, startedAt: T0 + 20 * DAY },
    ]);
    assert.equal((await meetings.listEvents(OLD)).length, 4);
  });

  it("applies each school's own retention period, finding schools one query each", async () => {
    const tables = await freshTables();
    const meetings = new TableMeetingStore(tables.meetings);
    const shortKeep: MeetingKey = { tenantId: 'school-30', meetingId: 'm' };
    const longKeep: MeetingKey = { tenantId: 'school-60', meetingId: 'm' };
    await recordLesson(meetings, shortKeep, T0, 2);
    await recordLesson(meetings, longKeep, T0, 2);
    assert.deepEqual(await collect(new MeetingIndex(tables.meetings).tenants()), ['school-30', 'school-60']);
    const summary = await makeSweep(tables.meetings, meetings, { 'school-30': 30, 'school-60': 60 })(T0 + 31 * DAY);
    assert.equal(summary?.lessons, 1);
    assert.equal(await meetings.load(shortKeep), undefined);
    assert.ok(await meetings.load(longKeep));
  });

  it('stops at the per-pass limit and finishes on the next pass', async () => {
    const tables = await freshTables();
    const meetings = new TableMeetingStore(tables.meetings);
    for (const id of ['a', 'b', 'c']) await recordLesson(meetings, { tenantId: TENANT, meetingId: id }, T0, 2);
    const sweep = makeSweep(tables.meetings, meetings, {}, 2);
    // Two events fit in the snapshot's outbox, so each lesson is one row.
    assert.deepEqual(await sweep(T0 + 31 * DAY), { lessons: 2, rows: 2, indexRows: 2, kept: 0, failed: 0, more: true });
    assert.deepEqual(await sweep(T0 + 31 * DAY + 60_000), {
      lessons: 1,
      rows: 1,
      indexRows: 1,
      kept: 0,
      failed: 0,
      more: false,
    });
    assert.deepEqual(await indexedIds(tables.meetings, TENANT), []);
  });

  it('the index lists exactly the lessons started before the cutoff', async () => {
    const tables = await freshTables();
    const index = new MeetingIndex(tables.meetings);
    const starts = [
      ['before', T0 - 1],
      ['at', T0],
      ['after', T0 + 1],
    ] as const;
    for (const [meetingId, startedAt] of starts) await index.put({ tenantId: TENANT, meetingId }, startedAt);
    assert.deepEqual(await collect(index.startedBefore(TENANT, T0)), [{ meetingId: 'before', startedAt: T0 - 1 }]);
    assert.equal(await index.remove(TENANT, { meetingId: 'before', startedAt: T0 - 1 }), true);
    assert.equal(await index.remove(TENANT, { meetingId: 'before', startedAt: T0 - 1 }), false);
  });
});
