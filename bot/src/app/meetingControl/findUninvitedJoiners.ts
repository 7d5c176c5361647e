/**
 * Invitee check (seed 002 line 18: staff check that everyone waiting was invited): anyone who joins
 * but is neither the organizer nor on the meeting's invitation is a finding for the staff present.
 */
import type { Finding } from '../../domain/types.js';
import type { MeetingSettings } from './ports.js';

/**
 * One finding per joiner missing from the invitation. Pass the Entra object ids of the pupils and
 * guests who joined (staff are the school's own and are not checked here). A meeting with no invite
 * list (a channel meeting) cannot be checked and gives no findings.
 */
export function findUninvitedJoiners(settings: Pick<MeetingSettings, 'organizerId' | 'attendees'>, joinedAadIds: string[]): Finding[] {
  const invited = new Set(settings.attendees.flatMap((a) => (a.aadObjectId ? [a.aadObjectId.toLowerCase()] : [])));
  if (invited.size === 0) return [];
  invited.add(settings.organizerId.toLowerCase());
  const uninvited = [...new Set(joinedAadIds)].filter((id) => !invited.has(id.toLowerCase()));
  return uninvited.map((id) => ({
    ruleId: 'lobby',
    key: `lobby:uninvited:${id}`,
    severity: 'warning' as const,
    audience: ['staffPresent' as const],
    message: 'Someone who was not invited to this lesson has joined it.',
    action: 'Check who they are from the participants list; if they should not be here, remove them from the meeting.',
    debounce: false,
    source: 'seed 002 line 18',
    subjectIds: [id],
  }));
}
