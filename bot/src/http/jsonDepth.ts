/**
 * A cheap guard run on a request body before `JSON.parse`: JSON nested thousands of levels deep
 * parses fine but overflows the stack of whatever walks it next (botbuilder does), so such a
 * body is refused at the edge instead of ending a turn with no reply.
 */

/** Deepest nesting of objects and arrays any caller of this service needs (activities are under 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `text` opens more than `limit` objects or arrays inside one another. One pass, no
 * allocation; brackets inside strings do not count. Malformed JSON is left for the parser to refuse.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
