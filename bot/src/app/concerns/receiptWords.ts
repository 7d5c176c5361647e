/**
 * What the reporter is told about who has their concern (only what Teams confirmed) and how to add
 * to it. Shared by the chat receipt card and the side panel's receipt, so both say the same thing.
 */

/** How the DSL alert went for a new concern (absent for a form sent twice: nothing was sent again). */
export interface DslReach {
  toldDsls: number;
  unreachedDsls: number;
  /** Kept on the server while the school's records could not be reached; filed once they are back. */
  held?: boolean;
}

/** Said first when a concern is held rather than filed. */
export const HELD_WORDS =
  "The school's records could not be reached just now, so Chaperone is keeping your concern safely and will file it, with this time, as soon as they are back.";

/**
 * The receipt's main sentence and, when someone was not reached, what to do now. `phone` is the
 * number the school gave for the DSL, offered when the alert could not reach them.
 */
export function receiptWords(reach: DslReach | undefined, phone?: string): { told: string; warning?: string } {
  if (!reach) return { told: 'This form was already sent, so nothing new was stored. Here is its receipt.' };
  const held = reach.held ? `${HELD_WORDS} ` : '';
  if (reach.toldDsls === 0) {
    const stored = reach.held ? `${held}It` : 'Your concern is stored, but Chaperone';
    const warning = phone
      ? `Phone the DSL now on ${phone} and give them the reference.`
      : 'Tell your DSL in person or by phone now, and give them the reference.';
    return { told: `${stored} could not reach the safeguarding team just now.`, warning };
  }
  const told = `${held}Thank you. The Designated Safeguarding Lead has been told.`;
  const asWell = phone ? `phone the DSL as well on ${phone}` : 'phone the safeguarding team as well';
  return reach.unreachedDsls
    ? { told, warning: `Chaperone could not reach every safeguarding lead. If a child may be at risk, ${asWell}.` }
    : { told };
}

/**
 * How a reporter adds to their concern later. Only a DSL adds to a concern's record, so a reporter
 * logs a new concern that mentions the reference (`where` they log it: the chat or the side panel),
 * or speaks to the DSL.
 */
export function addLaterWords(ref: string, where: 'chat' | 'panel'): string {
  const how = where === 'chat' ? 'type "concern" to log a new one' : 'log a new concern';
  return `To tell the DSL more later, ${how} that mentions ${ref}, or speak to them.`;
}
