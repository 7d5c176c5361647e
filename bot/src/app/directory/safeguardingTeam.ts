/**
 * The school's safeguarding team: its DSLs, and the deputies and senior leaders the directory
 * knows. They may take any critical alert, read any lesson's record and open the school view.
 */
import type { ParticipantDirectory } from '../ports.js';

/** Why a person is on the team, checked in this order; undefined when they are not. */
export type TeamRole = 'dsl' | 'deputy' | 'slt';

const STEPS = [
  ['deputies', 'deputy'],
  ['slt', 'slt'],
] as const;

/** The person's place on the school's safeguarding team, or undefined. */
export async function teamRoleOf(
  directory: Pick<ParticipantDirectory, 'isDsl' | 'listEscalation'>,
  tenantId: string,
  aadObjectId: string,
): Promise<TeamRole | undefined> {
  if (!aadObjectId) return undefined;
  if (await directory.isDsl(tenantId, aadObjectId)) return 'dsl';
  for (const [step, role] of STEPS) {
    if ((await directory.listEscalation(tenantId, step)).some((p) => p.aadObjectId === aadObjectId)) return role;
  }
  return undefined;
}
