import { errorFacts } from '../errorFacts.js';
import type { Clock, Logger } from '../ports.js';
import { deliverConcern, reporterUpdateDelivery } from './concernDeliveries.js';
import type { Viewer } from '../permissions.js';
import { done, refused, type Outcome } from './outcome.js';
import type { ConcernDelivery, ConcernNotifier, ConcernStore, ReporterUpdate } from './ports.js';
import { findConcernFor } from './showConcern.js';
import { concernStatus, type Concern, type ConcernEntry, type NewConcernEntry } from './types.js';

/** What every DSL triage step needs. */
export interface TriageDeps {
  store: ConcernStore;
  clock: Clock;
  logger: Logger;
}

/** The body of a triage entry; who and when are filled in here. */
export type TriageEntry = NewConcernEntry extends infer E
  ? E extends NewConcernEntry
    ? Omit<E, 'at' | 'by'>
    : never
  : never;

/** What is particular to one kind of step. */
export interface TriageRules {
  /** Refuses the step, with a sentence for the DSL, for reasons of its own. */
  check?: (concern: Concern) => string | undefined;
  /** The messages the step owes people, stored in the same write as its entry. */
  owes?: (concern: Concern, stored: ConcernEntry) => ConcernDelivery[];
}

/**
 * The one path by which a DSL adds to a chronology: access check, concern must be open, then a
 * new entry stamped with who and when, with whatever messages it owes.
 */
export async function appendTriageEntry(
  deps: TriageDeps,
  viewer: Viewer,
  typedRef: string,
  entry: TriageEntry,
  rules: TriageRules = {},
): Promise<Outcome<{ concern: Concern; entry: ConcernEntry }>> {
  const found = await findConcernFor(deps.store, viewer, typedRef, 'triage');
  if (!found.ok) return found;
  const concern = found.value;
  if (!concernStatus(concern).open) return alreadyClosed(concern.ref);
  const problem = rules.check?.(concern);
  if (problem) return refused(problem);
  const { owes } = rules;
  const result = await deps.store.append(
    viewer.tenantId,
    concern.ref,
    { ...entry, at: deps.clock.now(), by: { aadObjectId: viewer.aadObjectId, name: viewer.name } } as NewConcernEntry,
    owes && ((stored) => owes(concern, stored)),
  );
  // Another DSL closed it between our read and our write: the close stands, this step is not added.
  if (result.outcome === 'closed') return alreadyClosed(concern.ref);
  const stored = result.entry;
  deps.logger.info({ ref: concern.ref, kind: stored.kind, seq: stored.seq }, 'concern entry appended');
  return done({ concern: { ...concern, entries: [...concern.entries, stored] }, entry: stored });
}

function alreadyClosed<T>(ref: string): Outcome<T> {
  return refused(
    `${ref} is already closed, so nothing more can be added. Raise a new concern if there is a new worry.`,
  );
}

/** Trims free text from a DSL and says what is wrong with it, if anything. */
export function checkNote(text: string, what: string): string | undefined {
  if (!text.trim()) return `Add the ${what} after the reference, e.g. "action C-7K3F9Q Parents contacted".`;
  if (text.length > 4000) return `Please keep the ${what} under 4000 characters; split it into two notes.`;
  return undefined;
}

/** A step the reporter is told about. */
type ReporterStep = Extract<TriageEntry, { kind: ReporterUpdate['kind'] }>;

/**
 * A step the reporter is told about (acknowledged, closed): their update is owed in the same write
 * as the entry, so the step is never stored without it, then sent at once. What Teams does not take
 * stays pending; if the send cannot even run (storage gone again), that is logged. Either way the
 * concern delivery sweep sends it later, and the DSL's step stands.
 */
export async function appendReporterStep(
  deps: TriageDeps & { notifier: ConcernNotifier },
  viewer: Viewer,
  typedRef: string,
  entry: ReporterStep,
  check?: TriageRules['check'],
): Promise<Outcome<{ concern: Concern; entry: ConcernEntry }>> {
  // Stamped with the entry's own who and when, so the same step retried owes the same message.
  const owes = (concern: Concern, stored: ConcernEntry) => [
    reporterUpdateDelivery(concern, { kind: entry.kind, by: stored.by, at: stored.at }, stored.at),
  ];
  const result = await appendTriageEntry(deps, viewer, typedRef, entry, { check, owes });
  if (!result.ok) return result;
  const { concern } = result.value;
  try {
    await deliverConcern(deps, concern.tenantId, concern.ref);
  } catch (err) {
    deps.logger.warn(
      { ref: concern.ref, kind: entry.kind, err: errorFacts(err) },
      "the reporter's update waits for the delivery sweep",
    );
  }
  return result;
}
