import { strict as assert } from 'node:assert';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import { APPLIED_WINDOW, eventsApplied } from '../../bot/src/domain/appliedEvents.js';
import type { MeetingEvent } from '../../bot/src/domain/types.js';
import { lessonProps } from '../../bot/src/storage/snapshotRow.js';
import { chunkedLength, MAX_ROW_CHARS } from '../../bot/src/storage/properties.js';
import { startTestService } from '../support/serviceHarness.js';

const ADDRESS = { serviceUrl: 'https://smba.example/uk/', conversationId: '19:meeting_long@thread.v2' };
const START = Date.parse('2026-01-15T09:00:00Z');

/** The `i`th staff tick of a long lesson, with an id as long as a Teams activity id (the ids are what piles up). */
function tickEvent(i: number): MeetingEvent {
  return {
    kind: 'checklistTicked',
    id: `1:1${String(i).padStart(6, '0')}-vYpLQ3gJb8mNwTzRxKc2sD5fH7aE9uW4iO6pZ0qX`,
    at: START + i * 1_000,
    item: 'expectationsRead',
    ticked: i % 2 === 0,
    by: 'staff-1',
  };
}

/** Characters the lesson's part of its snapshot row takes (state, alerts and deliveries, as written). */
function lessonChars(record: Parameters<typeof lessonProps>[0]): number {
  return chunkedLength(lessonProps(record));
}

describe('storage/tableMeetingStore: a long lesson on the real path (issue 17)', function () {
  this.timeout(180_000);
  let service: Awaited<ReturnType<typeof startTestService>>;
  before(async () => {
    service = await startTestService();
  });
  after(async () => service.stop());

  it('2,000 events keep the snapshot row the size it had at a few hundred, and the first event redelivered is a duplicate', async () => {
    const key: MeetingKey = { tenantId: 'tenant-long', meetingId: `long-${Date.now()}` };
    const record = (event: MeetingEvent) => service.core.recordLessonEvent(key, event, ADDRESS);
    let atFiveHundred = 0;
    for (let i = 0; i < 2_000; i++) {
      assert.equal((await record(tickEvent(i))).outcome, 'applied');
      if (i === 499) atFiveHundred = lessonChars((await service.core.meetings.load(key))!);
    }
    const stored = (await service.core.meetings.load(key))!;
    const atTwoThousand = lessonChars(stored);
    assert.equal(eventsApplied(stored.state), 2_000);
    assert.equal(stored.state.applied.length, APPLIED_WINDOW);
    assert.ok(atTwoThousand - atFiveHundred < 100, `grew from ${atFiveHundred} to ${atTwoThousand} characters`);
    assert.ok(atTwoThousand < MAX_ROW_CHARS / 8, `${atTwoThousand} characters`);

    // The first event left the window long ago: only its stored row says it was applied.
    assert.equal((await record(tickEvent(0))).outcome, 'duplicate');
    assert.equal((await record(tickEvent(1_999))).outcome, 'duplicate');
    const after = (await service.core.meetings.load(key))!;
    assert.deepEqual(after.state, stored.state);
    assert.equal(after.revision, stored.revision, 'nothing written');
    assert.equal((await service.core.meetings.listEvents(key)).length, 2_000);
  });
});
