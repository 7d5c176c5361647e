import type { Clock, Logger } from '../ports.js';
import { oweReporterUpdate, type ConcernDeliveryDeps } from './concernDeliveries.js';
import type { Viewer } from './access.js';
import { done, refused, type Outcome } from './outcome.js';
import type { ConcernStore, ReporterUpdate } from './ports.js';
import { findConcernFor } from './showConcern.js';
import { concernStatus, type Concern, type ConcernEntry, type NewConcernEntry } from './types.js';

/** What every DSL triage step needs. */
export interface TriageDeps {
  store: ConcernStore;
  clock: Clock;
  logger: Logger;
}

/** The body of a triage entry; who and when are filled in here. */
export type TriageEntry = NewConcernEntry extends infer E ? (E extends NewConcernEntry ? Omit<E, 'at' | 'by'> : never) : never;

/**
 * The one path by which a DSL adds to a chronology: access check, concern must be open, then a
 * new entry stamped with who and when. `check` may refuse for reasons particular to the step.
 */
export async function appendTriageEntry(
  deps: TriageDeps,
  viewer: Viewer,
  typedRef: string,
  entry: TriageEntry,
  check?: (concern: Concern) => string | undefined,
): Promise<Outcome<{ concern: Concern; entry: ConcernEntry }>> {
  const found = await findConcernFor(deps.store, viewer, typedRef, 'triage');
  if (!found.ok) return found;
  const concern = found.value;
  if (!concernStatus(concern).open) return alreadyClosed(concern.ref);
  const problem = check?.(concern);
  if (problem) return refused(problem);
  const result = await deps.store.append(viewer.tenantId, concern.ref, {
    ...entry,
    at: deps.clock.now(),
    by: { aadObjectId: viewer.aadObjectId, name: viewer.name },
  } as NewConcernEntry);
  // Another DSL closed it between our read and our write: the close stands, this step is not added.
  if (result.outcome === 'closed') return alreadyClosed(concern.ref);
  const stored = result.entry;
  deps.logger.info({ ref: concern.ref, kind: stored.kind, seq: stored.seq }, 'concern entry appended');
  return done({ concern: { ...concern, entries: [...concern.entries, stored] }, entry: stored });
}

function alreadyClosed<T>(ref: string): Outcome<T> {
  return refused(`${ref} is already closed, so nothing more can be added. Raise a new concern if there is a new worry.`);
}

/** Trims free text from a DSL and says what is wrong with it, if anything. */
export function checkNote(text: string, what: string): string | undefined {
  if (!text.trim()) return `Add the ${what} after the reference, e.g. "action C-7K3F9Q Parents contacted".`;
  if (text.length > 4000) return `Please keep the ${what} under 4000 characters; split it into two notes.`;
  return undefined;
}

/**
 * Tells the reporter what happened to their concern, through the concern's outbox (retried until
 * Teams takes it); a failure to even queue it is logged, never fatal to the DSL's step.
 */
export async function tellReporter(deps: ConcernDeliveryDeps, concern: Concern, update: ReporterUpdate): Promise<void> {
  try {
    await oweReporterUpdate(deps, concern, update);
  } catch (err) {
    deps.logger.warn({ ref: concern.ref, kind: update.kind, err: (err as Error).name }, 'could not tell the reporter');
  }
}
