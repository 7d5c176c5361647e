/** A reported breach ends the call for all and informs the DSL at once. */
import { pupilsPresent } from '../presence.js';
import type { Audience } from '../types.js';
import { findingOf, type Rule } from './rule.js';

/** breach: every reported breach stays critical until the lesson has ended and no pupil remains. */
export const breach: Rule = {
  id: 'breach',
  source: 'seed 002 line 41',
  enabled: (policy) => policy.breach.endCallForAll || policy.breach.informDsl,
  evaluate(policy, state) {
    if (state.endedAt !== undefined && pupilsPresent(state).length === 0) return [];
    const audience: Audience[] = policy.breach.informDsl
      ? ['staffPresent', 'organizer', 'dsl']
      : ['staffPresent', 'organizer'];
    return state.breaches.map((b) =>
      findingOf(this, {
        key: `breach:${b.id}`,
        severity: 'critical',
        audience,
        // Whether the DSL has it is shown from the delivery outbox (what Teams confirmed), never assumed here.
        message: 'A member of staff reported a security breach or serious misconduct in this lesson.',
        action: policy.breach.endCallForAll
          ? 'End the call for everyone now: More actions (three dots), End meeting.'
          : 'Make the lesson safe now (remove or mute the people involved), then log a concern for the DSL saying what happened.',
        debounce: false,
      }),
    );
  },
  describe: (policy) =>
    [
      'When a member of staff reports a security breach or serious misconduct',
      policy.breach.endCallForAll ? ', the call is ended for every pupil' : '',
      policy.breach.informDsl ? ' and the DSL is informed immediately' : '',
      '.',
    ].join(''),
};
