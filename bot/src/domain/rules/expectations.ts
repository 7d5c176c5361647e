/** Expectations and roles are gone through with pupils at the start of every session. */
import type { Policy } from '../policy/schema.js';
import { hadPupils, isLive, minutes, sessionStartAt } from '../session.js';
import type { ChecklistItem, MeetingState } from '../types.js';
import { earliestAfter, findingOf, type Rule } from './rule.js';

const ITEMS: Array<{
  item: Extract<ChecklistItem, 'expectationsRead' | 'rolesAgreed'>;
  message: string;
  action: string;
}> = [
  {
    item: 'expectationsRead',
    message: 'The expectations for keeping safe online have not been ticked as read out to pupils.',
    action: 'Remind pupils of the expectations now (the code of conduct in the side panel), then tick it.',
  },
  {
    item: 'rolesAgreed',
    message: 'Roles and responsibilities have not been ticked as discussed with pupils.',
    action: 'Talk through who does what in this session (who leads, how to ask to speak), then tick it.',
  },
];

function pending(policy: Policy, state: MeetingState) {
  return ITEMS.filter(({ item }) => policy.checklist[item] && state.checklist[item]?.ticked !== true);
}

function deadline(policy: Policy, state: MeetingState): number | undefined {
  const start = sessionStartAt(state);
  return start === undefined ? undefined : start + minutes(policy.checklist.withinMinutes);
}

/** expectations: checklist items not ticked within the policy's minutes of the start. */
export const expectations: Rule = {
  id: 'expectations',
  source: 'seed 001 #7, seed 000 #9',
  enabled: (policy) => policy.checklist.expectationsRead || policy.checklist.rolesAgreed,
  evaluate(policy, state, now) {
    if (!isLive(state) || !hadPupils(state) || now < (deadline(policy, state) ?? Infinity)) return [];
    return pending(policy, state).map(({ item, message, action }) =>
      findingOf(this, {
        key: `expectations:${item}`,
        severity: 'warning',
        audience: ['staffPresent'],
        message,
        action,
        debounce: false,
      }),
    );
  },
  nextChangeAt(policy, state, now) {
    if (!isLive(state) || !hadPupils(state) || pending(policy, state).length === 0) return undefined;
    return earliestAfter(now, [deadline(policy, state)]);
  },
  describe: (policy) => {
    const tasks = [
      policy.checklist.expectationsRead ? 'remind pupils of the expectations that keep everyone safe online' : '',
      policy.checklist.rolesAgreed ? 'talk through roles and responsibilities' : '',
    ].filter(Boolean);
    return `Staff ${tasks.join(' and ')} within ${policy.checklist.withinMinutes} minutes of the start of every session.`;
  },
};
