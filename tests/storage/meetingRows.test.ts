import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { inAppliedOrder, sortableTimestamp } from '../../bot/src/storage/meetingRows.js';
import type { MeetingEvent } from '../../bot/src/domain/types.js';

const event = (id: string): MeetingEvent => ({ kind: 'meetingEnded', id, at: 5000 });
const row = (id: string, storedAt: string, order: number) => ({
  event: event(id),
  at: 5000,
  storedAt: sortableTimestamp(storedAt),
  order,
});

describe('storage/meetingRows: the order of flushed events', () => {
  it('events of one write keep their place in it, whatever sub-millisecond stamps the server gave them', () => {
    // Azurite's digits past the millisecond wrap inside one transaction; a trimmed stamp has fewer digits.
    const rows = [
      row('a', '2026-11-26T07:49:24.5569999Z', 0),
      row('b', '2026-11-26T07:49:24.5560001Z', 1),
      row('c', '2026-11-26T07:49:24.556Z', 2),
    ];
    const later = row('d', '2026-11-26T07:49:24.581Z', 0);
    assert.deepEqual(
      inAppliedOrder([later, ...rows.reverse()], []).map((e) => e.id),
      ['a', 'b', 'c', 'd'],
    );
  });

  it('property: text order of the stamps is time order to the millisecond', () => {
    const base = Date.UTC(2026, 10, 26, 7, 49, 24);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 9_999_999 }), (a, b) => {
        // The server writes up to seven digits and may drop trailing zeros.
        const stamp = (ticks: number) =>
          `${new Date(base).toISOString().slice(0, 19)}.${String(ticks).padStart(7, '0').replace(/0+$/, '')}Z`.replace(
            '.Z',
            'Z',
          );
        return (
          Math.sign(sortableTimestamp(stamp(a)).localeCompare(sortableTimestamp(stamp(b)))) ===
          Math.sign(Math.floor(a / 10_000) - Math.floor(b / 10_000))
        );
      }),
    );
  });
});
