/**
 * Who is in the lesson by what the school knows of them: pupils, guests (another organisation's
 * account) and people not identified (an anonymous joiner, or someone Teams has not named yet).
 * Supervision counts all three alike; the panel shows them apart so staff know who they are.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { isStaff, pupilsPresent } from '../../domain/presence.js';
import type { MeetingState, PersonRecord, Role } from '../../domain/types.js';

/** How many people who are not staff are in the lesson now, by role. */
export interface PresentByRole {
  pupils: number;
  guests: number;
  notIdentified: number;
}

/** The role the panel shows: staff only when the school counts them as staff. */
export function shownRole(person: PersonRecord): Role {
  if (isStaff(person)) return 'staff';
  return person.role === 'staff' ? 'guest' : person.role;
}

/** Counts the people supervised as pupils now, by who they are. */
export function presentByRole(state: MeetingState): PresentByRole {
  const counts: PresentByRole = { pupils: 0, guests: 0, notIdentified: 0 };
  for (const person of pupilsPresent(state)) {
    const role = shownRole(person);
    if (role === 'guest') counts.guests++;
    else if (role === 'unknown') counts.notIdentified++;
    else counts.pupils++;
  }
  return counts;
}

/** What the school's policy means for guests and people not identified, in one sentence. */
export function guestNote(policy: Policy): string {
  const same = 'Guests and people not identified are treated like pupils: the same checks and the same number of staff';
  if (!policy.lobby.required) return `${same}.`;
  return policy.lobby.checkInvitees
    ? `${same}, and they wait in the lobby until a member of staff has checked they were invited and lets them in.`
    : `${same}, and they wait in the lobby until a member of staff lets them in.`;
}
