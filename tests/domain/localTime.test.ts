import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { localTime } from '../../bot/src/domain/localTime.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The local time worked out afresh for every instant, as localTime did before it remembered minutes. */
function reference(at: number, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const seconds = (Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second);
  return {
    weekday: WEEKDAYS.indexOf(parts.weekday ?? '') + 1,
    msOfDay: seconds * 1000 + (((at % 1000) + 1000) % 1000),
  };
}

// Zones with odd boundaries, each with an instant its offset or its local date changes at: summer
// time at 01:00 UTC, half-hour summer time, a quarter-hour offset's midnight, a day skipped (Apia
// 2011), and offsets with seconds, whose changes (Dublin 1916, Monrovia 1972) and midnights fall
// inside a UTC minute.
const CHANGES: Array<[string, number]> = [
  ['Europe/London', Date.UTC(2024, 2, 31, 1, 0)],
  ['Europe/London', Date.UTC(2024, 9, 27, 1, 0)],
  ['America/New_York', Date.UTC(2024, 2, 10, 7, 0)],
  ['Australia/Lord_Howe', Date.UTC(2024, 3, 6, 15, 0)],
  ['Asia/Kathmandu', Date.UTC(2024, 0, 1, 18, 15)],
  ['America/St_Johns', Date.UTC(2024, 2, 10, 5, 30)],
  ['Pacific/Apia', Date.UTC(2011, 11, 30, 10, 0)],
  ['Africa/Monrovia', Date.UTC(1972, 0, 7, 0, 44, 30)],
  ['Africa/Monrovia', Date.UTC(1971, 5, 1, 0, 44, 30)],
  ['Europe/Dublin', Date.UTC(1916, 4, 21, 2, 25, 21)],
  ['Europe/Dublin', Date.UTC(1916, 9, 1, 2, 25, 21)],
];

describe('domain/localTime: wall-clock time in the school zone', () => {
  it('gives the same local time as formatting each instant afresh, across offset changes and local midnights', () => {
    const zones = [...new Set(CHANGES.map(([zone]) => zone))];
    const start = fc.oneof(
      fc.tuple(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) })),
      fc
        .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -120_000, max: 120_000 }))
        .map(([[zone, change], d]) => [zone, change + d] as const),
    );
    // Runs of nearby instants, so answers remembered for one minute are used for the next instant too.
    const run = fc.tuple(start, fc.array(fc.integer({ min: -40_000, max: 40_000 }), { maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 6 }), (runs) => {
        for (const [[zone, first], steps] of runs) {
          let at = first;
          for (const step of [0, ...steps]) {
            at += step;
            assert.deepEqual(localTime(at, zone), reference(at, zone), `${zone} ${new Date(at).toISOString()}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps zones apart: the same instant asked in two zones in turn', () => {
    const at = Date.UTC(2024, 5, 3, 13, 30, 15, 250);
    for (const zone of ['Europe/London', 'America/New_York', 'Europe/London', 'Asia/Kathmandu']) {
      assert.deepEqual(localTime(at, zone), reference(at, zone));
    }
  });
});
