/**
 * Table keys from outside ids. PartitionKey and RowKey forbid `/ \ # ?` and control characters,
 * and Teams ids may contain any of them, so every id is escaped reversibly before it is used.
 *
 * Letters, digits and `- _ . : @ = +` (all of base64 and the usual Teams id punctuation) stay as
 * they are, so keys remain readable in Storage Explorer; any other ASCII character becomes `~HH`
 * and any other UTF-16 code unit `~uHHHH` (code units, so even lone surrogates round-trip).
 * Parts of a composite key are joined with `!`, which the escaping never emits.
 */

// The characters kept as they are, in one place for the encoder and the decoder.
const KEPT_SET = 'A-Za-z0-9\\-_.:@=+';
const KEPT = new RegExp(`^[${KEPT_SET}]$`);
// Every code unit outside the kept set (no `u` flag, so a lone surrogate is matched on its own).
const ESCAPED = new RegExp(`[^${KEPT_SET}]`, 'g');
const SEPARATOR = '!';
/** 1 KiB of UTF-16: the conservative reading of the service's key size limit. */
export const MAX_KEY_LENGTH = 512;

function escapeUnit(unit: string): string {
  const code = unit.charCodeAt(0);
  return code < 0x80
    ? `~${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `~u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Escapes one id so it is safe inside a PartitionKey or RowKey. One native pass: keys are made several
 * times per lesson event, and an id with nothing to escape comes back as it is.
 */
export function encodeKeyPart(value: string): string {
  return value.replace(ESCAPED, escapeUnit);
}

/** Reverses {@link encodeKeyPart}; throws on text it could not have produced. */
export function decodeKeyPart(encoded: string): string {
  let out = '';
  let i = 0;
  while (i < encoded.length) {
    const ch = encoded.charAt(i);
    if (ch !== '~') {
      if (!KEPT.test(ch)) throw new Error(`Not an encoded key: unexpected "${ch}" at ${i}.`);
      out += ch;
      i += 1;
      continue;
    }
    const wide = encoded.charAt(i + 1) === 'u';
    const hex = wide ? encoded.slice(i + 2, i + 6) : encoded.slice(i + 1, i + 3);
    if (!/^[0-9A-F]+$/.test(hex) || hex.length !== (wide ? 4 : 2))
      throw new Error(`Not an encoded key: bad escape at ${i}.`);
    out += String.fromCharCode(parseInt(hex, 16));
    i += wide ? 6 : 3;
  }
  return out;
}

/** Builds a composite key from ids; fails clearly if the result would exceed the key size limit. */
export function joinKey(parts: readonly string[]): string {
  const key = parts.map(encodeKeyPart).join(SEPARATOR);
  if (key.length > MAX_KEY_LENGTH) {
    throw new RangeError(
      `A storage key would be ${key.length} characters, over the ${MAX_KEY_LENGTH} allowed; the id it came from is unexpectedly long.`,
    );
  }
  return key;
}

/** Splits a key made by {@link joinKey} back into the original ids. */
export function splitKey(key: string): string[] {
  return key.split(SEPARATOR).map(decodeKeyPart);
}
