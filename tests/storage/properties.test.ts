import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fromChunks, toChunks } from '../../bot/src/storage/properties.js';

describe('storage/properties', () => {
  it('splits long text under the 32K-character property cap and joins it back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 0, max: 70_000 }), (tail, padding) => {
        const text = 'x'.repeat(padding) + tail;
        const props = toChunks('state', text);
        const parts = Object.entries(props).filter(([name]) => name !== 'stateChunks');
        return fromChunks('state', props) === text && parts.every(([, part]) => typeof part === 'string' && part.length <= 32_768);
      }),
      { numRuns: 50 },
    );
  });

  it('never ends a chunk halfway through a surrogate pair', () => {
    const props = toChunks('state', `${'a'.repeat(29_999)}😀b`);
    assert.equal(props.stateChunks, 2);
    assert.equal(props.state0, 'a'.repeat(29_999));
    assert.equal(props.state1, '😀b');
  });

  it('stores empty text as zero chunks and fails clearly on a missing part', () => {
    assert.equal(fromChunks('alerts', toChunks('alerts', '')), '');
    assert.throws(() => fromChunks('alerts', { alertsChunks: 2, alerts0: 'a' }), /missing part 1/);
    assert.throws(() => fromChunks('alerts', {}), /no "alerts" data/);
  });
});
