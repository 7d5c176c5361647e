import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import sinon from 'sinon';
import type { LessonBook, MeetingKey, MeetingRecord } from '../../bot/src/app/ports.js';
import { stateAfter } from '../../bot/src/domain/stateAfter.js';
import type { AlertBook, MeetingEvent, MeetingState } from '../../bot/src/domain/types.js';
import { meetingPartition, STATE_ROW } from '../../bot/src/storage/meetingRows.js';
import { toChunks } from '../../bot/src/storage/properties.js';
import { lessonProps } from '../../bot/src/storage/snapshotRow.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { freshTables, lessonState } from './storageFixtures.js';

const ADDRESS = { serviceUrl: 'https://smba.example/uk/', conversationId: '19:meeting_compact@thread.v2' };
let lessons = 0;
const lessonKey = (): MeetingKey => ({ tenantId: 'tenant-c', meetingId: `compact/${++lessons}` });

function pupil(n: number) {
  return { id: `pupil-${n}`, teamsId: `29:pupil-${n}`, name: `Pupil ${n}`, role: 'pupil' as const };
}

/** The `i`th event of a lesson: pupils coming and going, now and then a staff tick. */
function lessonEvent(i: number, kind: number, who: number): MeetingEvent {
  const id = `1:event-${i}-${'x'.repeat(30)}`;
  const at = 1_800_000_000_000 + i * 1_000;
  if (kind === 0) return { kind: 'participantJoined', id, at, participant: pupil(who) };
  if (kind === 1) return { kind: 'participantLeft', id, at, participantId: `pupil-${who}` };
  return { kind: 'checklistTicked', id, at, item: 'rolesAgreed', ticked: who % 2 === 0, by: 'staff-1' };
}

/** A large lesson (25 pupils with a long history), so a whole rewrite would be many kilobytes. */
function bigLesson(key: MeetingKey): MeetingState {
  let state = lessonState(key.tenantId, key.meetingId);
  for (let i = 0; i < 150; i++) state = stateAfter(state, lessonEvent(i, i % 2, i % 25));
  return state;
}

/** Commits `event` over `current` the way the app does: the next state is `stateAfter` the current one. */
async function applyReplayable(
  store: TableMeetingStore,
  key: MeetingKey,
  current: MeetingRecord,
  event: MeetingEvent,
  alerts: AlertBook = current.alerts,
): Promise<MeetingRecord> {
  const next: LessonBook = { state: stateAfter(current.state, event, ADDRESS), alerts, deliveries: current.deliveries };
  const result = await store.commit(key, event, next, current, { address: ADDRESS });
  assert.equal(result.outcome, 'applied');
  if (result.outcome !== 'applied') throw new Error('not applied');
  return { ...next, ...result };
}

const tracked = (key: string): AlertBook => ({
  [key]: {
    finding: {
      ruleId: 'staff-pair',
      key,
      severity: 'critical',
      audience: ['dsl'],
      message: 'One adult is alone with pupils.',
      action: 'Ask a second member of staff to join now.',
      debounce: true,
      source: 'test',
    },
    firstSeenAt: 1,
  },
});

describe('storage/tableMeetingStore compact rows: an event costs a slot, not the lesson (issue 21)', () => {
  afterEach(() => sinon.restore());

  it('merges each event into its own slot, a few hundred characters however large the lesson, and reads back the same lesson', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const key = lessonKey();
    const state = bigLesson(key);
    const first = await store.commit(key, lessonEvent(900, 2, 0), { state, alerts: {} }, undefined);
    assert.ok(first.outcome === 'applied');
    let record: MeetingRecord = { state, alerts: {}, ...first };
    const updates = sinon.spy(tables.meetings, 'updateEntity');
    for (let i = 0; i < 10; i++)
      record = await applyReplayable(store, key, record, lessonEvent(1000 + i, i % 2, 30 + i));

    const lessonChars = JSON.stringify(lessonProps(record)).length;
    assert.ok(lessonChars > 20_000, `the lesson is ${lessonChars} characters`);
    assert.equal(updates.callCount, 10);
    for (const call of updates.getCalls()) {
      assert.equal(call.args[1], 'Merge');
      const size = JSON.stringify(call.args[0]).length;
      assert.ok(size < 700, `a write of ${size} characters`);
    }
    const loaded = await new TableMeetingStore(tables.meetings).load(key);
    assert.deepEqual(loaded?.state, record.state);
    assert.equal(
      loaded?.state.address?.conversationId,
      ADDRESS.conversationId,
      'the address came with the first event',
    );
    assert.equal(loaded?.etag, record.etag);
  });

  it('writes the alert book only when it changes, and a saved book keeps the state and the outbox', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const key = lessonKey();
    const created = await store.commit(key, lessonEvent(0, 0, 1), { state: bigLesson(key), alerts: {} }, undefined);
    assert.ok(created.outcome === 'applied');
    let record: MeetingRecord = { state: bigLesson(key), alerts: {}, ...created };
    const updates = sinon.spy(tables.meetings, 'updateEntity');
    record = await applyReplayable(store, key, record, lessonEvent(1, 0, 2));
    record = await applyReplayable(store, key, record, lessonEvent(2, 0, 3), tracked('staff-pair'));
    record = await applyReplayable(store, key, record, lessonEvent(3, 1, 3));
    const wroteAlerts = updates.getCalls().map((call) => 'alertsChunks' in call.args[0]);
    assert.deepEqual(wroteAlerts, [false, true, false]);

    const saved = await store.saveBook(key, { alerts: tracked('lobby') }, record.etag);
    assert.ok(saved.outcome === 'applied');
    assert.equal(updates.lastCall.args[1], 'Merge');
    const loaded = await new TableMeetingStore(tables.meetings).load(key);
    assert.deepEqual(loaded?.state, record.state);
    assert.deepEqual(Object.keys(loaded?.alerts ?? {}), ['lobby']);
    assert.equal(await store.hasEvent(key, lessonEvent(3, 1, 3).id), true);
  });

  it('reads a row written before the compact layout, and its next write puts it in that layout', async () => {
    const tables = await freshTables();
    const key = lessonKey();
    const outbox = [lessonEvent(0, 0, 1), lessonEvent(1, 0, 2)];
    const state = outbox.reduce((s, e) => stateAfter(s, e), lessonState(key.tenantId, key.meetingId));
    await tables.meetings.createEntity({
      partitionKey: meetingPartition(key),
      rowKey: STATE_ROW,
      revision: 4,
      ...toChunks('state', JSON.stringify(state)),
      ...toChunks('alerts', '{}'),
      ...toChunks('outbox', JSON.stringify(outbox)),
    });
    const store = new TableMeetingStore(tables.meetings);
    const old = await store.load(key);
    assert.deepEqual(old?.state, state, 'the older layout holds the whole state, outbox events included');
    const updates = sinon.spy(tables.meetings, 'updateEntity');
    let record = await applyReplayable(store, key, old!, lessonEvent(2, 0, 3));
    record = await applyReplayable(store, key, record, lessonEvent(3, 1, 1));
    assert.deepEqual(
      updates.getCalls().map((call) => call.args[1]),
      ['Replace', 'Merge'],
    );
    const loaded = await new TableMeetingStore(tables.meetings).load(key);
    assert.deepEqual(loaded?.state, record.state);
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      [0, 1, 2, 3].map((i) => lessonEvent(i, 0, 0).id),
    );
  });

  it('any run of events, flushes and alert changes reads back as the lesson the app computed (property)', async () => {
    const tables = await freshTables();
    const step = fc.record({
      kind: fc.integer({ min: 0, max: 2 }),
      who: fc.integer({ min: 0, max: 6 }),
      alert: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        async (steps, readAt) => {
          const store = new TableMeetingStore(tables.meetings);
          const key = lessonKey();
          const created = await store.commit(
            key,
            lessonEvent(0, 2, 0),
            { state: lessonState(key.tenantId, key.meetingId), alerts: {} },
            undefined,
          );
          assert.ok(created.outcome === 'applied');
          let record: MeetingRecord = { state: lessonState(key.tenantId, key.meetingId), alerts: {}, ...created };
          for (const [i, s] of steps.entries()) {
            // Now and then the next write starts from a fresh read, as another instance's would.
            if (i === readAt) record = (await new TableMeetingStore(tables.meetings).load(key))!;
            record = await applyReplayable(
              store,
              key,
              record,
              lessonEvent(i + 1, s.kind, s.who),
              s.alert ? tracked(`k${i}`) : record.alerts,
            );
          }
          const loaded = await new TableMeetingStore(tables.meetings).load(key);
          assert.deepEqual(loaded?.state, record.state);
          assert.deepEqual(loaded?.alerts, record.alerts);
          assert.equal((await store.listEvents(key)).length, steps.length + 1);
        },
      ),
      { numRuns: 12 },
    );
  });
});
