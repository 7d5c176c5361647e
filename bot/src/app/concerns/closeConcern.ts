import type { Viewer } from '../permissions.js';
import type { Outcome } from './outcome.js';
import type { ConcernNotifier } from './ports.js';
import { appendReporterStep, checkNote, type TriageDeps } from './triage.js';
import type { Concern, ConcernEntry } from './types.js';

/** Closes a concern with its outcome; the reporter is told it was closed (not the outcome). */
export async function closeConcern(
  deps: TriageDeps & { notifier: ConcernNotifier },
  viewer: Viewer,
  typedRef: string,
  outcome: string,
): Promise<Outcome<{ concern: Concern; entry: ConcernEntry }>> {
  return appendReporterStep(deps, viewer, typedRef, { kind: 'closed', outcome: outcome.trim() }, () =>
    checkNote(outcome, 'outcome'),
  );
}
