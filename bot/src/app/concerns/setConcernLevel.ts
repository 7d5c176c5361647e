import type { Policy } from '../../domain/policy/schema.js';
import type { Viewer } from '../permissions.js';
import { refused, type Outcome } from './outcome.js';
import { appendTriageEntry, type TriageDeps } from './triage.js';
import type { Concern, ConcernEntry } from './types.js';

/** Sets the level a DSL triaged the concern to, from the school's own list (`policy.concernLevels`). */
export async function setConcernLevel(
  deps: TriageDeps,
  viewer: Viewer,
  typedRef: string,
  typedLevel: string,
  policy: Pick<Policy, 'concernLevels'>,
): Promise<Outcome<{ concern: Concern; entry: ConcernEntry }>> {
  const wanted = typedLevel.trim().toLowerCase().replace(/\s+/g, '-');
  const level = policy.concernLevels.find((l) => l.toLowerCase().replace(/\s+/g, '-') === wanted);
  const choices = policy.concernLevels.join(', ');
  if (!wanted)
    return refused(
      `Say which level, e.g. "level ${typedRef} ${policy.concernLevels[0]}". Your school uses: ${choices}.`,
    );
  if (!level)
    return refused(`"${typedLevel.slice(0, 40)}" is not one of your school's levels. Choose one of: ${choices}.`);
  return appendTriageEntry(deps, viewer, typedRef, { kind: 'levelSet', level });
}
