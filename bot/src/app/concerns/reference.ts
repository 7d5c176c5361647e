import { randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when reading a reference aloud or copying it (no 0/O, 1/I/L, U/V). */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const LENGTH = 6;
const PATTERN = new RegExp(`^C-[${REFERENCE_ALPHABET}]{${LENGTH}}$`);

/** A fresh concern reference such as `C-7K3F9Q`; `pick(n)` returns an integer in [0, n). */
export function newConcernRef(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += REFERENCE_ALPHABET[pick(REFERENCE_ALPHABET.length)];
  return `C-${code}`;
}

/**
 * Reads a reference as a person typed it (any case, with or without `C-`, stray spaces) and
 * returns its canonical form, or undefined when it cannot be one of ours.
 */
export function parseConcernRef(typed: string): string | undefined {
  const compact = typed.trim().toUpperCase().replace(/\s+/g, '');
  const canonical = compact.startsWith('C-') ? compact : `C-${compact}`;
  return PATTERN.test(canonical) ? canonical : undefined;
}
