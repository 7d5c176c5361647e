import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { asciiJson, fromChunks, toChunks } from '../../bot/src/storage/properties.js';

describe('storage/properties', () => {
  it('splits long JSON under the 32K-character property cap, ASCII only, and joins it back to the same value', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 0, max: 70_000 }),
        (tail, padding) => {
          const value = { title: 'x'.repeat(padding) + tail };
          const props = toChunks('state', JSON.stringify(value));
          const parts = Object.entries(props).filter(([name]) => name !== 'stateChunks');
          const ascii = parts.every(
            ([, part]) => typeof part === 'string' && part.length <= 32_768 && /^[ -~]*$/.test(part),
          );
          return ascii && JSON.stringify(JSON.parse(fromChunks('state', props))) === JSON.stringify(value);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('writes non-ASCII characters as JSON escapes, which the Table emulator cannot corrupt', () => {
    const json = JSON.stringify({ name: 'Zoë 😀' });
    assert.equal(asciiJson(json), '{"name":"Zo\\u00eb \\ud83d\\ude00"}');
    assert.deepEqual(JSON.parse(asciiJson(json)), { name: 'Zoë 😀' });
  });

  it('stores empty text as zero chunks and fails clearly on a missing part', () => {
    assert.equal(fromChunks('alerts', toChunks('alerts', '')), '');
    assert.throws(() => fromChunks('alerts', { alertsChunks: 2, alerts0: 'a' }), /missing part 1/);
    assert.throws(() => fromChunks('alerts', {}), /no "alerts" data/);
  });
});
