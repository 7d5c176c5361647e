import type { Policy } from '../../domain/policy/schema.js';
import type { MeetingState } from '../../domain/types.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import type { LessonCards } from '../delivery/lessonCards.js';
import type { Logger, MeetingKey } from '../ports.js';
import { enforceMeetingSettings } from './enforceMeetingSettings.js';
import type { MeetingControl } from './ports.js';
import { settingsNotCheckedLine } from './settingsNotChecked.js';

/** Dependencies of {@link createSettingsAtLessonStart}. */
export interface SettingsAtLessonStartDeps {
  meetingControl: MeetingControl;
  cards: LessonCards;
  policyFor(tenantId: string): Policy;
  logger: Logger;
  /** Records each change in the lesson's partition (audit: before, after, by whom). */
  applyEvent?: ApplyMeetingEvent;
}

/** Who the audit trail names for changes made with the app's own Graph permission. */
export const CHANGED_BY_CHAPERONE = 'Chaperone (app permission, school policy)';

/**
 * The lesson-start routine for meeting options: make the lobby, presenters and microphones
 * compliant through Graph, then send the organizer one 1:1 card: what changed (before -> after),
 * or, when Graph could not check or change them, one line saying what to set now and what to ask
 * IT for. Every change made is also recorded as a `meetingSettingsChanged` event in the lesson's
 * partition.
 */
export function createSettingsAtLessonStart(deps: SettingsAtLessonStartDeps) {
  return async function settingsAtLessonStart(key: MeetingKey, state: MeetingState): Promise<void> {
    if (!state.joinUrl || !state.organizerId) return;
    const policy = deps.policyFor(key.tenantId);
    const { organizerId, joinUrl } = state;
    const result = await enforceMeetingSettings(
      { meetingControl: deps.meetingControl, logger: deps.logger },
      { policy, organizerId, joinUrl },
    );
    const title = state.title || 'your lesson';
    const startedAt = state.startedAt ?? state.lastEventAt ?? 0;
    if (result.notChecked) {
      const line = settingsNotCheckedLine(policy, result.notChecked);
      await deps.cards.queue(key, {
        cause: `settings-not-checked@${startedAt}`,
        to: organizerId,
        role: 'organizer',
        title: `"${title}": set the meeting options yourself`,
        lines: [line],
      });
      return;
    }
    if (!result.applied || !result.changes.length) return;
    if (deps.applyEvent) {
      await deps.applyEvent(
        key,
        {
          kind: 'meetingSettingsChanged',
          id: `settings@${startedAt}`,
          at: startedAt,
          by: CHANGED_BY_CHAPERONE,
          changes: result.changes.map((c) => ({ setting: c.setting, before: c.before, after: c.after })),
        },
        state.address,
      );
    }
    await deps.cards.queue(key, {
      cause: `settings@${startedAt}`,
      to: organizerId,
      role: 'organizer',
      title: `Chaperone made "${title}" safer`,
      lines: [
        ...result.changes.map((c) => c.text),
        "These follow the school's policy; change them back in Meeting options only if your DSL agrees.",
      ],
    });
  };
}
