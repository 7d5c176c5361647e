import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { MeetingKey, MeetingRecord } from '../../bot/src/app/ports.js';
import { stateAfter } from '../../bot/src/domain/stateAfter.js';
import type { Finding, MeetingEvent } from '../../bot/src/domain/types.js';
import { OUTBOX_HARD_MAX_EVENTS, OUTBOX_MAX_EVENTS } from '../../bot/src/storage/snapshotOutbox.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { storedLayout } from './outboxSupport.js';
import { freshTables, lessonState } from './storageFixtures.js';

const ADDRESS = { serviceUrl: 'https://smba.example/uk/', conversationId: '19:meeting_flush@thread.v2' };
let lessons = 0;
const LOBBY: Finding = {
  ruleId: 'lobby',
  key: 'lobby',
  severity: 'warning',
  audience: ['organizer'],
  message: 'Pupils can join without waiting in the lobby.',
  action: 'Open Meeting options and turn the lobby on.',
  debounce: false,
  source: 'test',
};

function joined(i: number): MeetingEvent {
  const participant = { id: `pupil-${i}`, teamsId: `29:pupil-${i}`, name: `Pupil ${i}`, role: 'pupil' as const };
  return { kind: 'participantJoined', id: `join-${i}`, at: 1_800_000_000_000 + i * 1_000, participant };
}

/** A lesson stored once, and a way to apply its next events as the lesson path does. */
async function lesson() {
  const tables = await freshTables();
  const store = new TableMeetingStore(tables.meetings);
  const key: MeetingKey = { tenantId: 'tenant-f', meetingId: `flush/${++lessons}` };
  const state = lessonState(key.tenantId, key.meetingId);
  const created = await store.commit(key, joined(0), { state, alerts: {} }, undefined);
  assert.ok(created.outcome === 'applied');
  let record: MeetingRecord = { state, alerts: {}, ...created };
  const apply = async (i: number): Promise<string> => {
    const next = { state: stateAfter(record.state, joined(i), ADDRESS), alerts: {} };
    const result = await store.commit(key, joined(i), next, record, { address: ADDRESS });
    if (result.outcome === 'applied') record = { ...next, ...result };
    return result.outcome;
  };
  const outboxSize = async () => (await storedLayout(tables.meetings, key)).outbox.length;
  const flushed = async () => {
    for (let tries = 0; (await outboxSize()) > 0; tries++) {
      assert.ok(tries < 200, 'the background flush never landed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { tables, store, key, apply, outboxSize, flushed, record: () => record };
}

describe('storage/tableMeetingStore: outboxes flushed after the event that fills them (issue 21)', () => {
  afterEach(() => sinon.restore());

  it('answers the event that fills the outbox with its own merge, flushes after it, and goes on from the flushed version', async () => {
    const l = await lesson();
    const transactions = sinon.spy(l.tables.meetings, 'submitTransaction');
    for (let i = 1; i < OUTBOX_MAX_EVENTS; i++) assert.equal(await l.apply(i), 'applied');
    assert.equal(transactions.callCount, 1, 'the flush started once the outbox was full');
    await l.flushed();
    const reads = sinon.spy(l.tables.meetings, 'getEntity');
    const updates = sinon.spy(l.tables.meetings, 'updateEntity');
    assert.equal(await l.apply(OUTBOX_MAX_EVENTS), 'applied');
    assert.equal(reads.callCount, 0, 'no conflict and no read: the write went on from the flushed version');
    assert.equal(updates.lastCall.args[1], 'Merge');
    assert.deepEqual((await new TableMeetingStore(l.tables.meetings).load(l.key))?.state, l.record().state);
    assert.equal((await l.store.listEvents(l.key)).length, OUTBOX_MAX_EVENTS + 1);
  });

  it('drops a flush that loses the race to the lesson next event, and a later event flushes again, losing nothing', async () => {
    const l = await lesson();
    const submit = l.tables.meetings.submitTransaction.bind(l.tables.meetings);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = sinon.stub(l.tables.meetings, 'submitTransaction').callsFake(async (actions) => {
      await held;
      return submit(actions);
    });
    for (let i = 1; i < OUTBOX_MAX_EVENTS; i++) await l.apply(i);
    // The next event is written while the flush waits: the flush's If-Match then fails, and it is dropped.
    assert.equal(await l.apply(OUTBOX_MAX_EVENTS), 'applied');
    release();
    await first.firstCall.returnValue.catch(() => undefined);
    assert.equal(await l.outboxSize(), OUTBOX_MAX_EVENTS + 1);
    first.restore();
    assert.equal(await l.apply(OUTBOX_MAX_EVENTS + 1), 'applied');
    await l.flushed();
    assert.equal((await l.store.listEvents(l.key)).length, OUTBOX_MAX_EVENTS + 2);
    assert.deepEqual((await new TableMeetingStore(l.tables.meetings).load(l.key))?.state, l.record().state);
  });

  it('saves an alert book over the cached record with one merge and no read, even just after a background flush', async () => {
    const l = await lesson();
    for (let i = 1; i < OUTBOX_MAX_EVENTS; i++) await l.apply(i);
    await l.flushed();
    const reads = sinon.spy(l.tables.meetings, 'getEntity');
    const updates = sinon.spy(l.tables.meetings, 'updateEntity');
    const alerts = { lobby: { finding: LOBBY, firstSeenAt: 1, raisedAt: 2 } };
    const saved = await l.store.saveBook(l.key, { alerts }, l.record());
    assert.equal(saved.outcome, 'applied', 'the flushed version is the one written over: no conflict');
    assert.equal(reads.callCount, 0, 'no read first');
    assert.deepEqual(
      updates.getCalls().map((call) => call.args[1]),
      ['Merge'],
    );
    const loaded = await new TableMeetingStore(l.tables.meetings).load(l.key);
    assert.deepEqual(loaded?.alerts, alerts);
    assert.deepEqual(loaded?.state, l.record().state, 'the state and events are kept');
    // The record it was saved over is now stale: a second save from it is refused by storage, not written over.
    assert.deepEqual(await l.store.saveBook(l.key, { alerts: {} }, l.record()), { outcome: 'conflict' });
    assert.deepEqual((await new TableMeetingStore(l.tables.meetings).load(l.key))?.alerts, alerts);
  });

  it('while flushes keep failing the outbox grows to its cap, and the event past the cap flushes with its own write', async () => {
    const l = await lesson();
    const unavailable = Object.assign(new Error('server busy'), { statusCode: 503 });
    const failing = sinon.stub(l.tables.meetings, 'submitTransaction').rejects(unavailable);
    for (let i = 1; i < OUTBOX_HARD_MAX_EVENTS; i++) assert.equal(await l.apply(i), 'applied');
    assert.equal(await l.outboxSize(), OUTBOX_HARD_MAX_EVENTS);
    failing.restore();
    const transaction = sinon.spy(l.tables.meetings, 'submitTransaction');
    assert.equal(await l.apply(OUTBOX_HARD_MAX_EVENTS), 'applied');
    assert.equal(transaction.callCount, 1);
    assert.equal(await l.outboxSize(), 0, 'flushed by the write itself');
    assert.equal((await l.store.listEvents(l.key)).length, OUTBOX_HARD_MAX_EVENTS + 1);
  });
});
