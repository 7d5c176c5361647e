/**
 * How values are laid out in table properties. One string property holds at most 32K UTF-16
 * characters, so long JSON is split across `<name>0`, `<name>1`, ... with `<name>Chunks` saying
 * how many there are; times are explicit doubles.
 */

/** Below the 32,768-character cap of one string property. */
const CHUNK_CHARS = 30_000;
/** Most chunked characters one row may hold: well under the 1 MiB entity cap (two bytes a character, plus overhead). */
export const MAX_ROW_CHARS = 450_000;

/**
 * JSON text with every non-ASCII character written as a `\uXXXX` escape (still the same JSON).
 * Azurite decodes large request bodies piecewise and corrupts multi-byte UTF-8 characters that
 * straddle a piece (a pupil's "é" came back as "��" in our tests); ASCII cannot be split that way.
 */
export function asciiJson(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Properties holding JSON `text` (made ASCII-only) split into chunks under names derived from `name`. */
export function toChunks(name: string, json: string): Record<string, string | number> {
  return textChunks(name, asciiJson(json));
}

/** {@link toChunks} for text already made ASCII-only ({@link asciiJson}). */
export function textChunks(name: string, text: string): Record<string, string | number> {
  const props: Record<string, string | number> = {};
  let index = 0;
  let start = 0;
  while (start < text.length) {
    const end = Math.min(start + CHUNK_CHARS, text.length);
    props[`${name}${index}`] = text.slice(start, end);
    index += 1;
    start = end;
  }
  props[`${name}Chunks`] = index;
  return props;
}

/** Reassembles a text written by {@link toChunks}; throws if the entity lacks a chunk. */
export function fromChunks(name: string, entity: Record<string, unknown>): string {
  const count = entity[`${name}Chunks`];
  if (typeof count !== 'number') throw new Error(`Stored row has no "${name}" data.`);
  let text = '';
  for (let index = 0; index < count; index += 1) {
    const part = entity[`${name}${index}`];
    if (typeof part !== 'string') throw new Error(`Stored row is missing part ${index} of "${name}".`);
    text += part;
  }
  return text;
}

/** Total characters of chunked data in a set of properties (to stay under the 1 MiB entity cap). */
export function chunkedLength(props: Record<string, unknown>): number {
  return Object.values(props).reduce<number>((sum, value) => sum + (typeof value === 'string' ? value.length : 0), 0);
}

/** A time as an explicit double, so large epoch-ms values are never taken for Int32. */
export function timeValue(ms: number): { value: number; type: 'Double' } {
  return { value: ms, type: 'Double' };
}
