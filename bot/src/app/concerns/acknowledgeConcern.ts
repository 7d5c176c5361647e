import type { Viewer } from '../permissions.js';
import type { Outcome } from './outcome.js';
import type { ConcernNotifier } from './ports.js';
import { appendReporterStep, type TriageDeps } from './triage.js';
import { concernStatus, type Concern, type ConcernEntry } from './types.js';

/**
 * A DSL acknowledges a concern: a read receipt with who and when, which the reporter is then
 * told about (without any of the concern's content). Acknowledging twice is refused politely.
 */
export async function acknowledgeConcern(
  deps: TriageDeps & { notifier: ConcernNotifier },
  viewer: Viewer,
  typedRef: string,
): Promise<Outcome<{ concern: Concern; entry: ConcernEntry }>> {
  return appendReporterStep(deps, viewer, typedRef, { kind: 'acknowledged' }, (concern) =>
    concernStatus(concern).acknowledgements.some((a) => a.by.aadObjectId === viewer.aadObjectId)
      ? `You have already acknowledged ${concern.ref}. Add an action with "action ${concern.ref} <what you did>".`
      : undefined,
  );
}
