import { strict as assert } from 'node:assert';
import type { TableClient } from '@azure/data-tables';
import type { BookedLesson, BookingKey } from '../../bot/src/app/booking/ports.js';
import { STALE_CLAIM_MS, TableBookingStore } from '../../bot/src/storage/tableBookingStore.js';
import { freshTables } from './storageFixtures.js';

const AT = Date.UTC(2024, 2, 4, 9, 30);
const key: BookingKey = { tenantId: 'tenant-1', organizerId: 'teacher-1', requestId: 'request-0001' };

const lesson: BookedLesson = {
  meetingId: 'meeting-1',
  eventId: 'event-1',
  joinUrl: 'https://teams.example/join/1',
  title: 'Year 5 maths',
  start: AT + 48 * 3_600_000,
  end: AT + 48 * 3_600_000 + 20 * 60_000,
  bookedAt: AT,
  organizerId: 'teacher-1',
  staffIds: ['teacher-1', 'teacher-2'],
  pupilCount: 2,
  checksPassed: ['scheduled-ahead', 'school-hours'],
  noticeOverride: { reason: 'Exam support' },
};

describe('storage/tableBookingStore', () => {
  let table: TableClient;
  let store: TableBookingStore;

  beforeEach(async () => {
    table = (await freshTables()).bookings;
    store = new TableBookingStore(table);
  });

  it('a new key is claimed; the same request again is in progress; another request on it is a conflict', async () => {
    assert.deepEqual(await store.begin(key, 'fp-a', AT), { outcome: 'new' });
    assert.deepEqual(await store.begin(key, 'fp-a', AT + 1000), { outcome: 'inProgress' });
    assert.deepEqual(await store.begin(key, 'fp-b', AT + 1000), { outcome: 'conflict' });
  });

  it('once finished, the same request gets the booked lesson back; another request on the key is still a conflict', async () => {
    await store.begin(key, 'fp-a', AT);
    await store.finish(key, lesson);
    assert.deepEqual(await store.begin(key, 'fp-a', AT + 1000), { outcome: 'booked', booking: lesson });
    assert.deepEqual(await store.begin(key, 'fp-a', AT + 2 * STALE_CLAIM_MS), { outcome: 'booked', booking: lesson });
    assert.deepEqual(await store.begin(key, 'fp-b', AT + 1000), { outcome: 'conflict' });
  });

  it('a released key can be claimed again, by any request; releasing a key already gone is fine', async () => {
    await store.begin(key, 'fp-a', AT);
    await store.release(key);
    await store.release(key);
    assert.deepEqual(await store.begin(key, 'fp-b', AT + 1000), { outcome: 'new' });
  });

  it('a pending claim older than five minutes is taken over once; up to five minutes it is in progress', async () => {
    await store.begin(key, 'fp-a', AT);
    assert.deepEqual(await store.begin(key, 'fp-a', AT + STALE_CLAIM_MS), { outcome: 'inProgress' });
    assert.deepEqual(await store.begin(key, 'fp-a', AT + STALE_CLAIM_MS + 1), { outcome: 'new' });
    assert.deepEqual(
      await store.begin(key, 'fp-a', AT + STALE_CLAIM_MS + 2),
      { outcome: 'inProgress' },
      'the takeover restarted the claim',
    );
  });

  it('a stale claim of another request is still a conflict, never taken over', async () => {
    await store.begin(key, 'fp-a', AT);
    assert.deepEqual(await store.begin(key, 'fp-b', AT + 2 * STALE_CLAIM_MS), { outcome: 'conflict' });
  });

  it('keys are per tenant, per organizer and per request id, whatever characters they hold', async () => {
    const odd = { tenantId: "t/#?'\u0001", organizerId: 'o!~\\', requestId: 'request-0001' };
    for (const k of [key, { ...key, tenantId: 'tenant-2' }, { ...key, organizerId: 'teacher-2' }, odd])
      assert.deepEqual(await store.begin(k, 'fp-a', AT), { outcome: 'new' }, JSON.stringify(k));
    assert.deepEqual(await store.begin({ ...key, requestId: 'request-0002' }, 'fp-a', AT), { outcome: 'new' });
    assert.deepEqual(await store.begin(odd, 'fp-a', AT), { outcome: 'inProgress' });
  });

  it('retention deletes bookings made before the cutoff, at most `max`, and keeps newer ones', async () => {
    const old = { ...key, requestId: 'old-1' };
    const older = { ...key, requestId: 'old-2', tenantId: 'tenant-2' };
    const recent = { ...key, requestId: 'recent' };
    await store.begin(old, 'fp', 1_000);
    await store.begin(older, 'fp', 500);
    await store.begin(recent, 'fp', 9_000);
    assert.equal(await store.forgetBefore(5_000, 1), 1, 'at most one per call');
    assert.equal(await store.forgetBefore(5_000, 10), 1, 'then the other old one');
    assert.equal(await store.forgetBefore(5_000, 10), 0);
    assert.deepEqual(await store.begin(recent, 'fp', 9_001), { outcome: 'inProgress' }, 'the recent claim is kept');
    assert.deepEqual(await store.begin(old, 'other', 9_001), { outcome: 'new' }, 'the old key is free again');
  });

  it('two instances racing for one new key: exactly one claims it', async () => {
    const other = new TableBookingStore(table);
    const claims = await Promise.all([store.begin(key, 'fp-a', AT), other.begin(key, 'fp-a', AT)]);
    assert.deepEqual(claims.map((c) => c.outcome).sort(), ['inProgress', 'new']);
  });

  it('two instances racing to take over one stale claim: exactly one takes it', async () => {
    await store.begin(key, 'fp-a', AT);
    const later = AT + STALE_CLAIM_MS + 1;
    const stores = [new TableBookingStore(table), new TableBookingStore(table), new TableBookingStore(table)];
    const claims = await Promise.all(stores.map((s) => s.begin(key, 'fp-a', later)));
    assert.deepEqual(claims.map((c) => c.outcome).sort(), ['inProgress', 'inProgress', 'new']);
  });

  it('keeps the claim as a pending row with its fingerprint and time, then the lesson as JSON', async () => {
    await store.begin(key, 'fp-a', AT);
    const pending = await table.getEntity<Record<string, unknown>>('tenant-1', 'teacher-1!request-0001');
    assert.deepEqual(
      [pending.state, pending.fingerprint, pending.claimedAt, pending.lesson],
      ['pending', 'fp-a', AT, undefined],
    );
    await store.finish(key, lesson);
    const booked = await table.getEntity<Record<string, unknown>>('tenant-1', 'teacher-1!request-0001');
    assert.deepEqual([booked.state, booked.fingerprint, JSON.parse(String(booked.lesson))], ['booked', 'fp-a', lesson]);
  });

  it("an organizer's list: their booked lessons not yet ended, soonest first; no one else's, nothing pending", async () => {
    const book = async (k: BookingKey, start: number) => {
      await store.begin(k, 'fp', AT);
      await store.finish(k, { ...lesson, start, end: start + 20 * 60_000 });
    };
    await book({ ...key, requestId: 'later-0001' }, AT + 72 * 3_600_000);
    await book({ ...key, requestId: 'sooner-0001' }, AT + 3_600_000);
    await book({ ...key, requestId: 'over-0001' }, AT - 3_600_000);
    await book({ ...key, organizerId: 'teacher-10' }, AT + 3_600_000); // shares the prefix "teacher-1"
    await book({ ...key, tenantId: 'tenant-2' }, AT + 3_600_000);
    await store.begin({ ...key, requestId: 'pending-0001' }, 'fp', AT);
    const listed = await store.upcoming('tenant-1', 'teacher-1', AT);
    assert.deepEqual(
      listed.map((k) => k.id),
      ['sooner-0001', 'later-0001'],
    );
    assert.deepEqual(listed[0]?.moves, {});
  });

  it('a change is written over the version read: a stale version changes nothing; a cancellation ask can be cleared', async () => {
    await store.begin(key, 'fp-a', AT);
    await store.finish(key, lesson);
    const read = (await store.read(key))!;
    const asked = await store.update(key, read.version, { booking: read.booking, moves: {}, cancelAskedAt: AT });
    assert.ok(asked);
    assert.equal((await store.read(key))?.cancelAskedAt, AT);
    const moved = { ...lesson, start: lesson.start + 1, movedAt: AT };
    assert.equal(await store.update(key, read.version, { booking: moved, moves: { m: 'f' } }), undefined, 'stale');
    assert.ok(await store.update(key, asked, { booking: moved, moves: { m: 'f' } }));
    const after = (await store.read(key))!;
    assert.deepEqual([after.booking, after.moves, after.cancelAskedAt], [moved, { m: 'f' }, undefined]);
    assert.deepEqual(await store.begin(key, 'fp-a', AT + 1), { outcome: 'booked', booking: moved }, 'claim kept');
    assert.equal(await store.read({ ...key, organizerId: 'teacher-2' }), undefined, "another teacher's: none");
  });
});
