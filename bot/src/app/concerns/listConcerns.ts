import { can, REFUSALS, type Viewer } from '../permissions.js';
import { done, refused, type Outcome } from './outcome.js';
import type { ConcernPage, ConcernStore } from './ports.js';

/** Which list the viewer sees: a DSL the tenant's, anyone else their own. */
export type ListScope = 'tenant' | 'own';

/**
 * Lists concerns newest first, a page at a time: a DSL sees every concern of the tenant that is
 * still open, other staff the ones they reported (open or closed, so they see the outcome).
 */
export async function listConcerns(
  deps: { store: ConcernStore },
  viewer: Viewer,
  page: { cursor?: string; limit?: number } = {},
): Promise<Outcome<ConcernPage & { scope: ListScope }>> {
  if (can(viewer, 'listAll')) {
    return done({ scope: 'tenant', ...(await deps.store.list(viewer.tenantId, { status: 'open', ...page })) });
  }
  if (!can(viewer, 'listOwn')) return refused(REFUSALS.notStaff);
  return done({
    scope: 'own',
    ...(await deps.store.list(viewer.tenantId, { status: 'all', reporterId: viewer.aadObjectId, ...page })),
  });
}
