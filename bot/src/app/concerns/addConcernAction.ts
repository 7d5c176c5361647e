import type { Viewer } from '../permissions.js';
import type { Outcome } from './outcome.js';
import { appendTriageEntry, checkNote, type TriageDeps } from './triage.js';
import type { Concern, ConcernEntry } from './types.js';

/** Adds an action or note to the chronology (e.g. "referral made", "parents contacted"). */
export async function addConcernAction(
  deps: TriageDeps,
  viewer: Viewer,
  typedRef: string,
  text: string,
): Promise<Outcome<{ concern: Concern; entry: ConcernEntry }>> {
  return appendTriageEntry(
    deps,
    viewer,
    typedRef,
    { kind: 'actionAdded', text: text.trim() },
    { check: () => checkNote(text, 'action or note') },
  );
}
