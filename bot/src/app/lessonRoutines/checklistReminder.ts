/**
 * The session checklist reminder sent to the organizer when a lesson starts: what staff tick for
 * the session and what they record for each pupil, in plain words (seed 000 #9, seed 001 #1, #7, #9).
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { MeetingState, PupilCheck } from '../../domain/types.js';
import type { LessonCards } from '../delivery/lessonCards.js';
import type { MeetingKey } from '../ports.js';
import { CHECKLIST_LABELS, requiredChecklist } from '../sidePanel/checklist.js';

/** How each per-pupil check reads to a teacher. */
const PUPIL_CHECK_LABELS: Record<PupilCheck, string> = {
  consent: 'a parent or carer has given consent for the pupil to take part in this lesson',
  parentPresent: 'a parent or carer is in the room with the pupil',
  communalRoom:
    'the pupil is in a shared room such as a kitchen or living room, not a bedroom (if not, switch off their camera and ask them to move)',
};

/** The reminder card for a lesson under `policy`; empty `lines` when the policy asks for nothing. */
export function checklistReminder(policy: Policy, lessonTitle: string): { title: string; lines: string[] } {
  const session = requiredChecklist(policy).map((item) => `• ${CHECKLIST_LABELS[item]}`);
  const pupilChecks = (Object.keys(PUPIL_CHECK_LABELS) as PupilCheck[]).filter((check) => policy.pupilChecks[check]);
  const lines: string[] = [];
  if (session.length) {
    const within = policy.checklist.withinMinutes;
    lines.push(
      `At the start of the session${within > 0 ? ` (within ${within} minutes)` : ''}, tick in the Chaperone side panel:`,
      ...session,
    );
  }
  if (pupilChecks.length) {
    const within = policy.pupilChecks.withinMinutes;
    lines.push(
      `For each pupil as they join${within > 0 ? ` (within ${within} minutes)` : ''}, record that:`,
      ...pupilChecks.map((check) => `• ${PUPIL_CHECK_LABELS[check]}`),
    );
  }
  if (lines.length)
    lines.push(
      "Chaperone reminds the staff present if any of these is still open. The checks are the school's policy.",
    );
  return { title: `Session checklist for "${lessonTitle}"`, lines };
}

/** Dependencies of {@link createChecklistReminder}. */
export interface ChecklistReminderDeps {
  cards: LessonCards;
  policyFor(tenantId: string): Policy;
}

/**
 * The lesson-start routine that owes the organizer the checklist reminder (1:1 card), once per lesson:
 * lesson-start routines do not run again when Teams starts the call afresh after the lesson ended.
 */
export function createChecklistReminder(deps: ChecklistReminderDeps) {
  return async function sendChecklistReminder(key: MeetingKey, state: MeetingState): Promise<void> {
    if (!state.organizerId) return;
    const card = checklistReminder(deps.policyFor(key.tenantId), state.title || 'your lesson');
    if (card.lines.length)
      await deps.cards.queue(key, {
        cause: `checklist@${state.startedAt ?? 0}`,
        to: state.organizerId,
        role: 'organizer',
        ...card,
      });
  };
}
