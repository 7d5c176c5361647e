import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { sameAlertBook } from '../../../bot/src/app/lesson/alertBooks.js';
import type { AlertBook, Finding, TrackedFinding } from '../../../bot/src/domain/types.js';

// Small value ranges, so a tweak often leaves a field as it was and both answers get exercised.
const audiences = fc
  .subarray(['staffPresent', 'organizer', 'dsl'] as const)
  .chain((list) => fc.shuffledSubarray(list, { minLength: list.length }));
const finding: fc.Arbitrary<Finding> = fc.record(
  {
    ruleId: fc.constantFrom('staff-pair', 'lobby'),
    key: fc.constantFrom('k1', 'k2'),
    severity: fc.constantFrom('info', 'warning', 'critical'),
    audience: audiences,
    message: fc.constantFrom('Too few staff.', 'Lobby off.'),
    action: fc.constantFrom('Ask a colleague to join.', 'Turn the lobby on.'),
    debounce: fc.boolean(),
    source: fc.constantFrom('seed 003', 'seed 002'),
    subjectIds: fc.array(fc.constantFrom('p1', 'p2'), { maxLength: 2 }),
  },
  {
    noNullPrototype: true,
    requiredKeys: ['ruleId', 'key', 'severity', 'audience', 'message', 'action', 'debounce', 'source'],
  },
);
const tracked: fc.Arbitrary<TrackedFinding> = fc.record(
  { finding, firstSeenAt: fc.constantFrom(1_000, 2_000), raisedAt: fc.constantFrom(1_000, 3_000) },
  { noNullPrototype: true, requiredKeys: ['finding', 'firstSeenAt'] },
);
const book: fc.Arbitrary<AlertBook> = fc.dictionary(fc.constantFrom('k1', 'k2', 'k3'), tracked, {
  maxKeys: 3,
  noNullPrototype: true,
});

/** `target` with field `field` taken from `source` (removed where `source` lacks it). */
function withField<T extends object>(target: T, source: T, field: keyof T): T {
  const copy = { ...target };
  if (Object.hasOwn(source, field)) copy[field] = source[field];
  else delete copy[field];
  return copy;
}

/** A copy of `a` changed in at most one place: an entry added, dropped, or one field taken from `other`. */
const nearBook = book.chain((a) =>
  fc
    .tuple(tracked, fc.nat(), fc.constantFrom('none', 'add', 'drop', 'tracked', 'finding'), fc.nat())
    .map(([other, pick, change, field]) => {
      const keys = Object.keys(a);
      const key = keys.length ? keys[pick % keys.length]! : 'k1';
      if (change === 'none' || !keys.length) return [a, structuredClone(a)] as const;
      if (change === 'add') return [a, { ...a, [`${key}x`]: other }] as const;
      if (change === 'drop') return [a, Object.fromEntries(Object.entries(a).filter(([k]) => k !== key))] as const;
      if (change === 'tracked') {
        const fields = ['firstSeenAt', 'raisedAt'] as const;
        return [a, { ...a, [key]: withField(a[key]!, other, fields[field % fields.length]!) }] as const;
      }
      const fields = Object.keys(other.finding).concat('subjectIds') as (keyof Finding)[];
      const changed = withField(a[key]!.finding, other.finding, fields[field % fields.length]!);
      return [a, { ...a, [key]: { ...a[key]!, finding: changed } }] as const;
    }),
);

const FINDING: Finding = {
  ruleId: 'lobby',
  key: 'k',
  severity: 'warning',
  audience: [],
  message: 'm',
  action: 'a',
  debounce: false,
  source: 's',
};

/** The same book with every object's keys written in reverse order (arrays untouched). */
function reversed<T>(value: T): T {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  ) as T;
}

describe('app/lesson/sameAlertBook', () => {
  it('agrees with deep equality, whatever order either book holds its keys in', () => {
    fc.assert(
      fc.property(nearBook, ([a, b]) => {
        const equal = isDeepStrictEqual(a, b);
        assert.equal(sameAlertBook(a, b), equal);
        assert.equal(sameAlertBook(a, reversed(b)), equal);
        assert.equal(sameAlertBook(reversed(b), a), equal);
      }),
      { numRuns: 500 },
    );
  });

  it('finds a book equal to itself written in another order, where the serialised strings differ', () => {
    const one: TrackedFinding = {
      finding: {
        ...FINDING,
        ruleId: 'staff-pair',
        key: 'k1',
        severity: 'critical',
        audience: ['staffPresent', 'dsl'],
        debounce: true,
      },
      firstSeenAt: 1_000,
      raisedAt: 2_000,
    };
    const two: TrackedFinding = { ...one, finding: { ...one.finding, key: 'k2' }, raisedAt: undefined };
    const stored = { k1: one, k2: two };
    const built = reversed(stored);
    assert.notEqual(JSON.stringify(built), JSON.stringify(stored));
    assert.equal(sameAlertBook(built, stored), true);
  });

  it('treats an absent optional field as unset, as storage does, and tells apart lists in another order', () => {
    const base: TrackedFinding = {
      finding: { ...FINDING, audience: ['organizer', 'dsl'] },
      firstSeenAt: 1_000,
    };
    assert.equal(sameAlertBook({ k: base }, { k: { ...base, raisedAt: undefined } }), true);
    assert.equal(
      sameAlertBook({ k: base }, { k: { ...base, finding: { ...base.finding, subjectIds: undefined } } }),
      true,
    );
    assert.equal(sameAlertBook({ k: base }, { k: { ...base, finding: { ...base.finding, subjectIds: [] } } }), false);
    assert.equal(
      sameAlertBook({ k: base }, { k: { ...base, finding: { ...base.finding, audience: ['dsl', 'organizer'] } } }),
      false,
    );
    assert.equal(sameAlertBook({ k: base }, { j: base }), false);
    assert.equal(sameAlertBook({}, {}), true);
  });
});
