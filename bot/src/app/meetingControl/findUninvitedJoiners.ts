/**
 * Invitee check against the invitation Graph returned: the attendees it lists by Entra object id
 * (an invitee known only by e-mail cannot be matched with a joiner) go to the lobby rule's check.
 */
import type { Finding } from '../../domain/types.js';
import { uninvitedJoinerFindings } from '../../domain/rules/uninvitedJoiners.js';
import type { MeetingSettings } from './ports.js';

/** The lobby rule's findings for `joinedAadIds` (pupils and guests who joined) against the meeting's invitation. */
export function findUninvitedJoiners(
  settings: Pick<MeetingSettings, 'organizerId' | 'attendees'>,
  joinedAadIds: string[],
): Finding[] {
  const inviteeIds = settings.attendees.flatMap((a) => (a.aadObjectId ? [a.aadObjectId] : []));
  return uninvitedJoinerFindings({ organizerId: settings.organizerId, inviteeIds }, joinedAadIds);
}
