/**
 * Who may read a lesson's record: the safeguarding team (DSLs, and the deputies and senior leaders
 * the directory knows) any lesson of their school; any other member of staff only a lesson they
 * were in or organised. Staff-only and same-school are checked before this is asked.
 */
import type { MeetingState } from '../../domain/types.js';
import { teamRoleOf } from '../directory/safeguardingTeam.js';
import { tookPart } from '../permissions.js';
import type { ParticipantDirectory } from '../ports.js';

/** Whether the person is on the school's safeguarding team: a DSL, or a deputy or senior leader the directory knows. */
export async function inSafeguardingTeam(
  directory: ParticipantDirectory,
  tenantId: string,
  aadObjectId: string,
): Promise<boolean> {
  return (await teamRoleOf(directory, tenantId, aadObjectId)) !== undefined;
}

/**
 * Why a member of staff may read this lesson's record: they took part (the directory is not asked),
 * or they are on the safeguarding team; undefined when neither.
 */
export async function recordReader(
  directory: ParticipantDirectory,
  state: MeetingState,
  aadObjectId: string,
): Promise<'team' | 'tookPart' | undefined> {
  if (tookPart(state, aadObjectId)) return 'tookPart';
  return (await inSafeguardingTeam(directory, state.tenantId, aadObjectId)) ? 'team' : undefined;
}

/** Whether a member of staff may read this lesson's record. */
export async function mayReadRecord(
  directory: ParticipantDirectory,
  state: MeetingState,
  aadObjectId: string,
): Promise<boolean> {
  return (await recordReader(directory, state, aadObjectId)) !== undefined;
}
