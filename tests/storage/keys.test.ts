import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { decodeKeyPart, encodeKeyPart, joinKey, MAX_KEY_LENGTH, splitKey } from '../../bot/src/storage/keys.js';

/** Whether `key` holds a character Table Storage forbids in keys: `/ \\ # ?` or a control character. */
function hasForbiddenKeyChar(key: string): boolean {
  for (let i = 0; i < key.length; i += 1) {
    const unit = key.charCodeAt(i);
    if ('/\\#?'.includes(key.charAt(i)) || unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f)) return true;
  }
  return false;
}

const anyText = fc.string({ unit: 'binary', maxLength: 60 });

describe('storage/keys', () => {
  it('round-trips any string, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(anyText, (text) => decodeKeyPart(encodeKeyPart(text)) === text),
      { numRuns: 500 },
    );
  });

  it('never emits a character Table Storage forbids in keys', () => {
    fc.assert(
      fc.property(anyText, (text) => !hasForbiddenKeyChar(encodeKeyPart(text))),
      { numRuns: 500 },
    );
  });

  it('round-trips composite keys, so tenant + meeting never collide with another pair', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 3 }), (parts) => {
        const key = joinKey(parts);
        return !hasForbiddenKeyChar(key) && JSON.stringify(splitKey(key)) === JSON.stringify(parts);
      }),
      { numRuns: 300 },
    );
    assert.notEqual(joinKey(['a!b', 'c']), joinKey(['a', 'b!c']));
  });

  it('detects every forbidden character, so the properties above can fail', () => {
    for (const ch of ['/', '\\', '#', '?', '\u0000', '\u001F', '\u007F', '\u009F'])
      assert.ok(hasForbiddenKeyChar(`a${ch}b`), JSON.stringify(ch));
    assert.equal(hasForbiddenKeyChar('abc~2F!:@=+-_.'), false);
  });

  it('escapes the characters Teams ids carry that keys forbid', () => {
    const id = 'MCMxOTptZWV0aW5n/X2Nh\\ZA==#0?x\u0001\u007F';
    const encoded = encodeKeyPart(id);
    assert.equal(encoded, 'MCMxOTptZWV0aW5n~2FX2Nh~5CZA==~230~3Fx~01~7F');
    assert.equal(decodeKeyPart(encoded), id);
  });

  it('writes the same keys as rows already stored: any other ASCII as ~HH, every other code unit as ~uHHHH', () => {
    // The escaping as first written, one code unit at a time: a change to it would orphan every stored row.
    const asStored = (value: string): string =>
      [...Array(value.length).keys()]
        .map((i) => {
          const unit = value.charCodeAt(i);
          if (/^[A-Za-z0-9\-_.:@=+]$/.test(value.charAt(i))) return value.charAt(i);
          return unit < 0x80
            ? `~${unit.toString(16).toUpperCase().padStart(2, '0')}`
            : `~u${unit.toString(16).toUpperCase().padStart(4, '0')}`;
        })
        .join('');
    fc.assert(
      fc.property(anyText, (text) => encodeKeyPart(text) === asStored(text)),
      { numRuns: 500 },
    );
    assert.equal(encodeKeyPart('\uD83D\uDE00\uDC00'), '~uD83D~uDE00~uDC00');
  });

  it('keeps a realistic tenant + meeting key well under 1 KiB', () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const meeting = `MCMxOTptZWV0aW5nX${'NmY2ZWRmNzQtMGU1Zi00/ZDNi+LWI4ZjQt'.repeat(6)}@thread.v2#0`;
    assert.ok(joinKey(['mtg', tenant, meeting]).length <= MAX_KEY_LENGTH);
  });

  it('refuses a key that would exceed the size limit instead of writing a bad row', () => {
    assert.throws(() => joinKey(['/'.repeat(200)]), RangeError);
  });

  it('rejects text that is not an encoded key', () => {
    assert.throws(() => decodeKeyPart('a/b'));
    assert.throws(() => decodeKeyPart('~Z1'));
    assert.throws(() => decodeKeyPart('~u12'));
  });
});
