/** The meeting must end for everyone: no pupil stays after the end or after the last adult left. */
import { isStaff, presenceIntervals, presentSince, pupilsPresent, staffPresent } from '../presence.js';
import type { MeetingState } from '../types.js';
import { count, findingOf, type Rule } from './rule.js';

const END_FOR_ALL =
  'Open the meeting and choose End meeting (under the three dots), so every pupil leaves with you; do not just hang up.';

/** end-for-all: a pupil still in the meeting after it ended, or after the last staff left, is critical. */
export const endForAll: Rule = {
  id: 'end-for-all',
  source: 'seed 000 #10, seed 001 #6, seed 003 lines 14-15',
  enabled: (policy) => policy.endForAll.required,
  evaluate(_policy, state) {
    const pupils = pupilsPresent(state);
    if (pupils.length === 0) return [];
    const subjectIds = pupils.map((p) => p.id);
    if (state.endedAt !== undefined) {
      return [
        findingOf(this, {
          key: 'end-for-all:after-end',
          severity: 'critical',
          audience: ['organizer', 'staffPresent'],
          message: `The lesson has ended but ${count(pupils.length, 'pupil has', 'pupils have')} come back into the meeting (the join link still works).`,
          action: END_FOR_ALL,
          debounce: true,
          subjectIds,
        }),
      ];
    }
    if (staffPresent(state).length > 0) return [];
    const lastStaffLeftAt = lastStaffLeaving(state);
    const leftBehind = pupils.filter(
      (p) => lastStaffLeftAt !== undefined && (presentSince(p) ?? Infinity) <= lastStaffLeftAt,
    );
    if (leftBehind.length === 0) return [];
    return [
      findingOf(this, {
        key: 'end-for-all:staff-left',
        severity: 'critical',
        audience: ['organizer', 'staffPresent'],
        message: `The last member of staff left while ${count(leftBehind.length, 'pupil was', 'pupils were')} still in the meeting.`,
        action: `Rejoin and ask pupils to leave first, then ${END_FOR_ALL.charAt(0).toLowerCase()}${END_FOR_ALL.slice(1)}`,
        debounce: true,
        subjectIds: leftBehind.map((p) => p.id),
      }),
    ];
  },
  describe: (policy) =>
    `Staff end every lesson with End meeting so that everyone leaves together${policy.endForAll.pupilsLeaveFirst ? '; pupils leave before the teacher closes the meeting' : ''}. A pupil left behind is reported at once.`,
};

/** When the last member of staff left (with no staff present now); undefined if staff never left. */
function lastStaffLeaving(state: MeetingState): number | undefined {
  let last: number | undefined;
  for (const person of Object.values(state.people)) {
    if (!isStaff(person)) continue;
    const left = presenceIntervals(person).at(-1)?.to;
    if (left !== undefined && (last === undefined || left > last)) last = left;
  }
  return last;
}
