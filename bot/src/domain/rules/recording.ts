/** Lessons are recorded where the school's policy requires it. */
import { pupilsPresent } from '../presence.js';
import { isRecording, minutes, sessionStartAt } from '../session.js';
import type { Policy } from '../policy/schema.js';
import type { MeetingState } from '../types.js';
import { earliestAfter, findingOf, type Rule } from './rule.js';

function deadline(policy: Policy, state: MeetingState): number | undefined {
  const start = sessionStartAt(state);
  return start === undefined ? undefined : start + minutes(policy.checklist.withinMinutes);
}

function needsRecording(state: MeetingState): boolean {
  return state.endedAt === undefined && pupilsPresent(state).length > 0 && !isRecording(state);
}

/** recording: a lesson with pupils that is not recorded a few minutes after it began. */
export const recording: Rule = {
  id: 'recording',
  source: 'seed 001 #2, seed 004 line 35',
  enabled: (policy) => policy.recording.required === 'always',
  evaluate(policy, state, now) {
    if (!needsRecording(state) || now < (deadline(policy, state) ?? Infinity)) return [];
    return [
      findingOf(this, {
        key: 'recording',
        severity: 'warning',
        audience: ['staffPresent', 'organizer'],
        message: 'This lesson is not being recorded; school policy asks for every lesson to be recorded.',
        action: 'Start recording now (More actions, Start recording), then tick Recording started in the side panel.',
        debounce: false,
      }),
    ];
  },
  nextChangeAt(policy, state, now) {
    return needsRecording(state) ? earliestAfter(now, [deadline(policy, state)]) : undefined;
  },
  describe: (policy) => `Every lesson is recorded; recordings are kept for ${policy.recording.retentionDays} days.`,
};
