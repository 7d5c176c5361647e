/**
 * Invitee check on joins (seed 002 line 18: staff check that everyone waiting was invited;
 * DESIGN.md §2 The rules, lobby): when a pupil or guest joins, compare them with the meeting's
 * invitation (read through Graph, cached a few minutes per lesson) and tell the staff present about
 * anyone uninvited, once.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { MeetingState, Participant } from '../../domain/types.js';
import type { DeliverAlerts } from '../lesson/deliverAlerts.js';
import { findUninvitedJoiners } from '../meetingControl/findUninvitedJoiners.js';
import type { MeetingControl, MeetingSettings } from '../meetingControl/ports.js';
import type { Clock, Logger, MeetingKey } from '../ports.js';

/** Dependencies of {@link createInviteeCheck}. */
export interface InviteeCheckDeps {
  meetingControl: MeetingControl;
  deliver: DeliverAlerts;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
}

/** How long one read of the invitation is trusted (invitations rarely change mid-lesson). */
const CACHE_MS = 10 * 60_000;
const MAX_LESSONS = 1_000;

interface Entry {
  readAt: number;
  /** Undefined when Graph had no such meeting or failed: nothing to compare with until it expires. */
  settings?: Pick<MeetingSettings, 'organizerId' | 'attendees'>;
  /** Finding keys already sent in this lesson. */
  told: Set<string>;
}

/**
 * Runs after a join is applied; a no-op for staff, when the policy does not ask, or when the lesson's link is unknown.
 */
export type InviteeCheck = (key: MeetingKey, state: MeetingState, joiner: Participant) => Promise<void>;

/** Builds the invitee check. */
export function createInviteeCheck(deps: InviteeCheckDeps): InviteeCheck {
  const lessons = new Map<string, Entry>();

  async function invitation(
    key: MeetingKey,
    state: MeetingState & { joinUrl: string; organizerId: string },
  ): Promise<Entry> {
    const id = `${key.tenantId}\u0000${key.meetingId}`;
    const now = deps.clock.now();
    const cached = lessons.get(id);
    if (cached && now - cached.readAt < CACHE_MS) return cached;
    const entry: Entry = { readAt: now, told: cached?.told ?? new Set() };
    try {
      const settings = await deps.meetingControl.findMeeting(state.organizerId, state.joinUrl);
      if (settings) entry.settings = settings;
    } catch (error) {
      const { name, status } = error as { name?: string; status?: number };
      deps.logger.warn({ error: name, status }, 'invitation could not be read; joiners not checked against it');
    }
    if (lessons.size >= MAX_LESSONS) lessons.clear();
    lessons.set(id, entry);
    return entry;
  }

  return async (key, state, joiner) => {
    if (!deps.policyFor(key.tenantId).lobby.checkInvitees || joiner.role === 'staff') return;
    // Only a person with an Entra object id can be matched with the invitation.
    if (joiner.id === joiner.teamsId || !state.joinUrl || !state.organizerId) return;
    const entry = await invitation(key, { ...state, joinUrl: state.joinUrl, organizerId: state.organizerId });
    if (!entry.settings) return;
    const findings = findUninvitedJoiners(entry.settings, [joiner.id]).filter((f) => !entry.told.has(f.key));
    if (!findings.length) return;
    for (const finding of findings) entry.told.add(finding.key);
    await deps.deliver(key, findings);
  };
}
