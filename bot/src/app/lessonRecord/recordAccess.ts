/**
 * Who may read a lesson's record: the safeguarding team (DSLs, and the deputies and senior leaders
 * the directory knows) any lesson of their school; any other member of staff only a lesson they
 * were in or organised. Staff-only and same-school are checked before this is asked.
 */
import type { MeetingState } from '../../domain/types.js';
import { tookPart } from '../permissions.js';
import type { ParticipantDirectory } from '../ports.js';

/** Whether the person is on the school's safeguarding team: a DSL, or a deputy or senior leader the directory knows. */
export async function inSafeguardingTeam(directory: ParticipantDirectory, tenantId: string, aadObjectId: string): Promise<boolean> {
  if (await directory.isDsl(tenantId, aadObjectId)) return true;
  for (const step of ['deputies', 'slt'] as const) {
    if ((await directory.listEscalation(tenantId, step)).some((p) => p.aadObjectId === aadObjectId)) return true;
  }
  return false;
}

/** Whether a member of staff may read this lesson's record; the directory is asked only for someone who was not in it. */
export async function mayReadRecord(directory: ParticipantDirectory, state: MeetingState, aadObjectId: string): Promise<boolean> {
  return tookPart(state, aadObjectId) || inSafeguardingTeam(directory, state.tenantId, aadObjectId);
}
