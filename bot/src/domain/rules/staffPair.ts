/** Enough staff: while any pupil is present, at least the policy's number of staff are too. */
import { pupilsPresent, staffPresent } from '../presence.js';
import { isRecording } from '../session.js';
import { isOneToOne } from './noOneToOne.js';
import { count, findingOf, type Rule } from './rule.js';

/** staff-pair: pupils present with fewer staff than `minStaffWithPupils`. */
export const staffPair: Rule = {
  id: 'staff-pair',
  source: 'seed 000 #7, seed 003 line 4',
  enabled: (policy) => policy.staffing.minStaffWithPupils > 1,
  evaluate(policy, state) {
    const pupils = pupilsPresent(state);
    const staff = staffPresent(state);
    const minimum = policy.staffing.minStaffWithPupils;
    if (pupils.length === 0 || staff.length >= minimum) return [];
    // No staff at all is the unsupervised rule's (critical) finding; a 1:1 is no-one-to-one's.
    if (staff.length === 0 && policy.staffing.unsupervisedAlert) return [];
    if (policy.staffing.forbidOneToOne && isOneToOne(state)) return [];
    const subjectIds = staff.map((p) => p.id);
    if (staff.length === 1 && policy.staffing.recordIfSingleStaff && isRecording(state)) {
      return [
        findingOf(this, {
          key: 'staff-pair:recorded',
          severity: 'info',
          audience: ['staffPresent'],
          message:
            'You are the only member of staff with pupils; the lesson is being recorded, as school policy asks when a second adult cannot join.',
          action: 'Keep the recording running until every pupil has left, and invite a colleague if one becomes free.',
          debounce: true,
          subjectIds,
        }),
      ];
    }
    return [
      findingOf(this, {
        key: 'staff-pair',
        severity: 'warning',
        audience: ['staffPresent', 'organizer'],
        message: `Only ${count(staff.length, 'member of staff is', 'members of staff are')} in the lesson with pupils; school policy asks for ${minimum}.`,
        action: policy.staffing.recordIfSingleStaff
          ? 'Invite a colleague into the meeting now; if nobody can join, start recording the meeting.'
          : 'Invite a colleague into the meeting now, or end the meeting for everyone.',
        debounce: true,
        subjectIds,
      }),
    ];
  },
  describe: (policy) =>
    `At least ${policy.staffing.minStaffWithPupils} members of staff are in the call whenever a pupil is${policy.staffing.recordIfSingleStaff ? '; if only one can be, the lesson is recorded' : ''}.`,
};
