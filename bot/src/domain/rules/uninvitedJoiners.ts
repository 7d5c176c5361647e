/**
 * The lobby rule's invitee check: staff check that everyone let in was invited. Anyone who joins
 * but is neither the organizer nor on the meeting's invitation is a finding for the staff present.
 */
import type { Finding } from '../types.js';
import { findingOf, type Rule } from './rule.js';

/** The lobby rule, as far as the invitation is concerned. */
const inviteeCheck: Pick<Rule, 'id' | 'source'> = { id: 'lobby', source: 'seed 002 line 18' };

/** Who the meeting's invitation lets in, by Entra object id. */
export interface Invitation {
  organizerId: string;
  /** Entra object ids of the invitees; empty when the meeting has no invite list (a channel meeting). */
  inviteeIds: string[];
}

/**
 * One finding per joiner missing from the invitation. Pass the Entra object ids of the pupils and
 * guests who joined (staff are the school's own and are not checked here). Ids match whatever their
 * case. A meeting with no invite list cannot be checked and gives no findings.
 */
export function uninvitedJoinerFindings(invitation: Invitation, joinedIds: string[]): Finding[] {
  if (invitation.inviteeIds.length === 0) return [];
  const invited = new Set([invitation.organizerId, ...invitation.inviteeIds].map((id) => id.toLowerCase()));
  const uninvited = [...new Set(joinedIds)].filter((id) => !invited.has(id.toLowerCase()));
  return uninvited.map((id) =>
    findingOf(inviteeCheck, {
      key: `lobby:uninvited:${id}`,
      severity: 'warning',
      audience: ['staffPresent'],
      message: 'Someone who was not invited to this lesson has joined it.',
      action:
        'Check who they are from the participants list; if they should not be here, remove them from the meeting.',
      debounce: false,
      subjectIds: [id],
    }),
  );
}
