import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { MeetingEvent } from '../../bot/src/domain/types.js';
import { isPage, pageHolds, pageRows, parsePage } from '../../bot/src/storage/eventPages.js';
import { MAX_ROW_CHARS } from '../../bot/src/storage/properties.js';

const started = (id: string, titleChars: number): MeetingEvent => ({
  kind: 'meetingStarted',
  id,
  at: 1000,
  meetingType: 'Scheduled',
  title: 't'.repeat(titleChars),
});
const asRead = (row: Record<string, unknown>) => ({ ...row, etag: '', timestamp: '2026-11-27T09:00:00.123Z' });

/** The events the pages hold, in the order they give them (page by page, then place). */
function readBack(rows: Array<Record<string, unknown>>): Array<{ id: string; order: number }> {
  return rows.flatMap((row) => parsePage(asRead(row))).map((f) => ({ id: f.event.id, order: f.order }));
}

describe('storage/eventPages: flushed events on as few rows as fit', () => {
  it('puts a flush of ordinary events on one page that gives them back in order and finds each by id', () => {
    const events = Array.from({ length: 17 }, (_, i) => started(`e${i}`, 40));
    const rows = pageRows('p', 18, events);
    assert.equal(rows.length, 1);
    assert.ok(isPage(rows[0]!.rowKey));
    assert.deepEqual(
      readBack(rows),
      events.map((e, order) => ({ id: e.id, order })),
    );
    assert.ok(pageHolds(rows[0]!, 'e16'));
    assert.ok(!pageHolds(rows[0]!, 'e17'));
  });

  it('names pages so they list in flush order, and two flushes of one lesson never share a name', () => {
    const ninth = pageRows('p', 9, [started('a', 1)])[0]!.rowKey;
    const tenth = pageRows('p', 10, [started('b', 1)])[0]!.rowKey;
    assert.ok(ninth < tenth);
    assert.notEqual(pageRows('p', 9, [started('c', 1)])[0]!.rowKey, ninth);
    // Before the one-per-event rows (`evt-`), so one key range lists both kinds.
    assert.ok(tenth < 'evt-');
  });

  it('splits events too big for one row over several pages, each under the row cap, keeping their order', () => {
    const events = Array.from({ length: 5 }, (_, i) => started(`big${i}`, 200_000));
    const rows = pageRows('p', 3, events);
    assert.ok(rows.length >= 3, `${rows.length} pages`);
    for (const row of rows) {
      const chars = Object.values(row).reduce<number>((n, v) => n + (typeof v === 'string' ? v.length : 0), 0);
      assert.ok(chars <= MAX_ROW_CHARS, `${chars} characters`);
    }
    assert.deepEqual(
      readBack(rows),
      events.map((e, order) => ({ id: e.id, order })),
    );
  });

  it('refuses one event bigger than a row can hold, rather than writing half of it', () => {
    assert.throws(() => pageRows('p', 1, [started('huge', MAX_ROW_CHARS)]), /grown past what one storage row can hold/);
  });

  it('property: any flush reads back as the same events in the same order', () => {
    const event = fc.record({
      id: fc.string({ minLength: 1, maxLength: 40 }),
      chars: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 120_000 })),
      // Names with characters outside ASCII are stored escaped and must come back as they were.
      name: fc.string({ maxLength: 20, unit: 'binary' }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(event, { minLength: 1, maxLength: 20, selector: (e) => e.id }), (specs) => {
        const events = specs.map((s) => ({ ...started(s.id, s.chars), title: `${s.name}${'t'.repeat(s.chars)}` }));
        const rows = pageRows('p', 7, events);
        const back = rows.flatMap((row) => parsePage(asRead(row)));
        assert.deepEqual(
          back.map((f) => f.event),
          events,
        );
        assert.deepEqual(
          back.map((f) => f.order),
          events.map((_, i) => i),
        );
        for (const e of events) assert.ok(rows.some((row) => pageHolds(row, e.id)));
      }),
      { numRuns: 60 },
    );
  });
});
