import type { ParticipantDirectory, PersonLookup } from '../ports.js';
import type { Viewer } from '../permissions.js';

/**
 * Works out who is asking, fresh on every call (a DSL role can be withdrawn at any time).
 * Without an Entra object id, or when the directory does not say staff, the person has no access.
 */
export async function resolveViewer(
  directory: Pick<ParticipantDirectory, 'classify' | 'isDsl'>,
  person: PersonLookup & { name: string },
): Promise<Viewer> {
  const base = { tenantId: person.tenantId, aadObjectId: person.aadObjectId ?? '', name: person.name };
  if (!person.aadObjectId) return { ...base, standing: 'none' };
  const role = await directory.classify(person);
  if (role !== 'staff') return { ...base, standing: 'none' };
  return { ...base, standing: (await directory.isDsl(person.tenantId, person.aadObjectId)) ? 'dsl' : 'staff' };
}
