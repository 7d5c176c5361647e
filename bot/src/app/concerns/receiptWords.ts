/**
 * What the reporter is told about who has their concern: only what Teams confirmed. Shared by the
 * chat receipt card and the side panel's receipt, so both say the same thing.
 */

/** How the DSL alert went for a new concern (absent for a form sent twice: nothing was sent again). */
export interface DslReach {
  toldDsls: number;
  unreachedDsls: number;
}

/** The receipt's main sentence and, when someone was not reached, what to do now. */
export function receiptWords(reach: DslReach | undefined): { told: string; warning?: string } {
  if (!reach) return { told: 'This form was already sent, so nothing new was stored. Here is its receipt.' };
  if (reach.toldDsls === 0) {
    return { told: 'Your concern is stored, but Chaperone could not reach the safeguarding team just now.', warning: 'Tell your DSL in person or by phone now, and give them the reference.' };
  }
  const told = 'Thank you. The Designated Safeguarding Lead has been told.';
  return reach.unreachedDsls ? { told, warning: 'Chaperone could not reach every safeguarding lead. If a child may be at risk, phone the safeguarding team as well.' } : { told };
}
