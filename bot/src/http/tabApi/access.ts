/**
 * Who may do what through the tab API, in one place; every handler asks here first. Only staff of
 * the caller's own tenant see or change a lesson; the meeting key always takes the tenant from the
 * verified token, so another school's lesson is simply not found.
 */
import type { Role } from '../../domain/types.js';
import type { MeetingKey, ParticipantDirectory } from '../../app/ports.js';
import type { Caller } from '../auth/ssoVerifier.js';
import { HttpError } from '../errors.js';

/** What a caller may ask the tab API for. */
export type TabAbility = 'viewPolicy' | 'viewLesson' | 'changeLesson' | 'exportRegister';

const RULES: Record<TabAbility, (role: Role) => boolean> = {
  viewPolicy: (role) => role === 'staff',
  viewLesson: (role) => role === 'staff',
  changeLesson: (role) => role === 'staff',
  exportRegister: (role) => role === 'staff',
};

const STAFF_ONLY = 'Chaperone is for school staff only. If you are a pupil, you do not need to do anything here.';

/** Classifies the caller in their own tenant (the directory caches answers). */
export function roleOf(directory: ParticipantDirectory, caller: Caller): Promise<Role> {
  return directory.classify({
    tenantId: caller.tenantId,
    aadObjectId: caller.aadObjectId,
    teamsId: '',
    userTenantId: caller.tenantId,
  });
}

/** Checks the caller may do `ability`, answering 403 when not; returns their role. */
export async function authorize(directory: ParticipantDirectory, caller: Caller, ability: TabAbility): Promise<Role> {
  const role = await roleOf(directory, caller);
  if (!RULES[ability](role)) throw new HttpError(403, 'staffOnly', STAFF_ONLY);
  return role;
}

/** The lesson a URL names, always inside the caller's own tenant. */
export function meetingKeyFor(caller: Caller, meetingId: string): MeetingKey {
  return { tenantId: caller.tenantId, meetingId };
}
