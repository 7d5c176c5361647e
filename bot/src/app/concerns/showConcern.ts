import { can, REFUSALS, type ConcernAbility, type Viewer } from '../permissions.js';
import { done, refused, type Outcome } from './outcome.js';
import type { ConcernStore } from './ports.js';
import { parseConcernRef } from './reference.js';
import type { Concern } from './types.js';

/**
 * Finds a concern the viewer may `ability`, within their own tenant. A concern someone else
 * reported reads exactly like a missing one, so its existence does not leak.
 */
export async function findConcernFor(
  store: ConcernStore,
  viewer: Viewer,
  typedRef: string,
  ability: ConcernAbility,
): Promise<Outcome<Concern>> {
  if (!can(viewer, 'listOwn')) return refused(REFUSALS.notStaff);
  if ((ability === 'triage' || ability === 'export') && !can(viewer, ability)) return refused(REFUSALS.dslOnly);
  const ref = parseConcernRef(typedRef);
  if (!ref)
    return refused(`"${typedRef.slice(0, 20)}" doesn't look like a concern reference; they look like C-7K3F9Q.`);
  const concern = await store.get(viewer.tenantId, ref);
  if (!concern || !can(viewer, ability, concern)) return refused(REFUSALS.notFound(ref));
  return done(concern);
}

/** The full chronology of one concern, for a DSL or for the member of staff who reported it. */
export async function showConcern(
  deps: { store: ConcernStore },
  viewer: Viewer,
  typedRef: string,
): Promise<Outcome<Concern>> {
  return findConcernFor(deps.store, viewer, typedRef, 'read');
}
