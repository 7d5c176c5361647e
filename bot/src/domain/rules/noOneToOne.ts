/** Never a one-to-one: one adult alone with one pupil, or fewer people than the policy's minimum. */
import { pupilsPresent, staffPresent } from '../presence.js';
import type { Policy } from '../policy/schema.js';
import type { MeetingState } from '../types.js';
import { pupilCheckState } from './pupilCheck.js';
import { findingOf, type Rule } from './rule.js';

/** Whether exactly one member of staff and one pupil are in the call, and nobody else. */
export function isOneToOne(state: MeetingState): boolean {
  return staffPresent(state).length === 1 && pupilsPresent(state).length === 1;
}

/** People in the call, counting a parent recorded as present beside their child (seed 001 #4). */
function participants(state: MeetingState): number {
  const pupils = pupilsPresent(state);
  const parents = pupils.filter((p) => pupilCheckState(p, 'parentPresent') === 'yes').length;
  return staffPresent(state).length + pupils.length + parents;
}

/** no-one-to-one: a staff member alone with one pupil is critical; too few participants is a warning. */
export const noOneToOne: Rule = {
  id: 'no-one-to-one',
  source: 'seed 003 line 3, seed 001 #4',
  enabled: (policy: Policy) => policy.staffing.forbidOneToOne || policy.staffing.minParticipants > 2,
  evaluate(policy, state) {
    const pupils = pupilsPresent(state);
    const staff = staffPresent(state);
    if (pupils.length === 0 || staff.length === 0) return [];
    const subjectIds = [...staff, ...pupils].map((p) => p.id);
    if (policy.staffing.forbidOneToOne && isOneToOne(state)) {
      return [
        findingOf(this, {
          key: 'no-one-to-one',
          severity: 'critical',
          audience: ['staffPresent', 'organizer', 'dsl'],
          message:
            'One member of staff is alone in the call with one pupil: a one-to-one video call, which school policy never allows.',
          action:
            'Invite a colleague into the meeting now, or end the meeting for everyone. An unplanned one-to-one may need recording as a low-level concern with the DSL.',
          debounce: true,
          subjectIds,
        }),
      ];
    }
    const minimum = policy.staffing.minParticipants;
    if (participants(state) >= minimum) return [];
    return [
      findingOf(this, {
        key: 'no-one-to-one:participants',
        severity: 'warning',
        audience: ['staffPresent', 'organizer'],
        message: `Fewer than ${minimum} people are in this lesson call (a parent beside their child counts); school policy asks for at least ${minimum}.`,
        action:
          'Record that a parent or carer is with the pupil, or invite a colleague; otherwise end the meeting for everyone.',
        debounce: true,
        subjectIds,
      }),
    ];
  },
  describe: (policy) =>
    [
      policy.staffing.forbidOneToOne ? 'A member of staff is never alone in a call with one pupil.' : '',
      `A lesson call has at least ${policy.staffing.minParticipants} people, counting a parent or carer sitting with their child.`,
    ]
      .filter(Boolean)
      .join(' '),
};
