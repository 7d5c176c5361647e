/**
 * fast-check arbitraries for broken Teams activities: real-shaped ones (from the documented
 * fixtures and the activity builder) with fields dropped, given the wrong type, made huge or
 * renamed oddly, and plain random JSON. `serviceUrl` is only ever dropped, never rewritten, so a
 * mutated activity cannot send the bot to a real address.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

type Json = Record<string, unknown>;

/** The documented fixtures in `tests/fixtures/activities/`. */
export function fixtureActivities(): Json[] {
  const dir = 'tests/fixtures/activities';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json);
}

/** Values that have broken parsers before: wrong types, odd strings, OData and prototype names. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1e308,
    '',
    ' ',
    '__proto__',
    'constructor',
    "' or PartitionKey ne '",
    '../../etc',
    '\u0000',
    '\u202e',
    '😀'.repeat(50),
    'NaN',
    '2026-13-45T99:99:99Z',
    [],
    {},
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.nat({ max: 60_000 }).map((n) => 'x'.repeat(n)),
);

/** An odd property name to add next to the real ones. */
const oddName = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  '$type',
  'odata.etag',
  'PartitionKey',
  'RowKey',
  'Timestamp',
  '😀',
  'a'.repeat(1000),
);

type Mutation = { kind: 'drop' | 'set' | 'add'; at: number; value: unknown; name: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('drop', 'set', 'set', 'add'),
  at: fc.nat(),
  value: oddValue,
  name: oddName,
});

/** Every path to a value inside `value` (objects and arrays), shallow first. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value as Json);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

function apply(activity: Json, m: Mutation): Json {
  const copy = structuredClone(activity);
  const all = paths(copy);
  const path = all[m.at % Math.max(all.length, 1)];
  if (!path) return copy;
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Json)[k as string], copy) as Json;
  const key = path[path.length - 1] as string;
  if (m.kind === 'drop') {
    delete parent[key];
  } else if (path[0] === 'serviceUrl') {
    // Rewriting serviceUrl could point the bot at a real host; dropping it is the fault worth testing.
    delete parent[key];
  } else if (m.kind === 'set') {
    parent[key] = m.value;
  } else if (typeof parent === 'object' && parent !== null && !Array.isArray(parent)) {
    Object.defineProperty(parent, m.name, { value: m.value, enumerable: true, configurable: true, writable: true });
  }
  return copy;
}

/** A real-shaped activity with one to four mutations, or (one time in ten) any JSON at all. */
export function brokenActivity(bases: Json[]): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([base, ms]) => ms.reduce(apply, base));
  return fc.oneof({ weight: 9, arbitrary: mutated }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) });
}
