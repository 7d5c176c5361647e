/** With only one member of staff and pupils present, the lesson must be recorded. */
import { pupilsPresent, staffPresent } from '../presence.js';
import { isRecording } from '../session.js';
import { findingOf, type Rule } from './rule.js';

/** record-if-single-staff: one adult with pupils and no recording. */
export const recordIfSingleStaff: Rule = {
  id: 'record-if-single-staff',
  source: 'seed 003 line 4',
  // When every lesson must be recorded, the recording rule already says so.
  enabled: (policy) =>
    (policy.staffing.recordIfSingleStaff || policy.recording.required === 'ifSingleStaff') &&
    policy.recording.required !== 'always',
  evaluate(_policy, state) {
    const staff = staffPresent(state);
    if (staff.length !== 1 || pupilsPresent(state).length === 0 || isRecording(state)) return [];
    return [
      findingOf(this, {
        key: 'record-if-single-staff',
        severity: 'warning',
        audience: ['staffPresent', 'organizer'],
        message: 'Only one member of staff is in the lesson with pupils, and the lesson is not being recorded.',
        action: 'Start recording now (More actions, Start recording), then tick Recording started in the side panel.',
        debounce: true,
        subjectIds: staff.map((p) => p.id),
      }),
    ];
  },
  describe: () => 'When only one member of staff can be in a lesson with pupils, the lesson is recorded.',
};
