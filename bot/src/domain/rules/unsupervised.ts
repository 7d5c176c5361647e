/** Pupils in the meeting with no member of staff, at any point in its life, even after it ended. */
import { pupilsPresent, staffPresent } from '../presence.js';
import { count, findingOf, type Rule } from './rule.js';

/** unsupervised: pupils present and no staff present is critical; the DSL is told. */
export const unsupervised: Rule = {
  id: 'unsupervised',
  source: 'seed 000 #10, seed 003 line 15',
  enabled: (policy) => policy.staffing.unsupervisedAlert,
  evaluate(_policy, state) {
    const pupils = pupilsPresent(state);
    if (pupils.length === 0 || staffPresent(state).length > 0) return [];
    return [
      findingOf(this, {
        key: 'unsupervised',
        severity: 'critical',
        audience: ['dsl', 'organizer'],
        message: `${count(pupils.length, 'pupil is', 'pupils are')} in the lesson meeting with no member of staff.`,
        action: 'Rejoin the meeting now, or open it and choose End meeting so everyone leaves.',
        debounce: true,
        subjectIds: pupils.map((p) => p.id),
      }),
    ];
  },
  describe: () =>
    'Pupils are never left in a lesson meeting without a member of staff; if they are, the organiser and the DSL are told at once.',
};
