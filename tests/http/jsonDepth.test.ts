import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { jsonNestsDeeperThan } from '../../bot/src/http/jsonDepth.js';

/** The real nesting depth of a parsed JSON value (objects and arrays count, scalars do not). */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('http/jsonDepth', () => {
  it('agrees with the parsed depth of any JSON value, strings full of brackets included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, limit) => {
        assert.equal(jsonNestsDeeperThan(JSON.stringify(value), limit), depthOf(value) > limit);
      }),
    );
  });

  it('is not fooled by brackets or escaped quotes inside strings', () => {
    assert.equal(jsonNestsDeeperThan(JSON.stringify({ text: '[[[[{{{{"\\' }), 1), false);
    assert.equal(jsonNestsDeeperThan('[[[]]]', 2), true);
    assert.equal(jsonNestsDeeperThan('[[[]]]', 3), false);
  });
});
