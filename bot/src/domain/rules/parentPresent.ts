/** A parent or carer stays with each pupil throughout; without one, the child cannot continue. */
import { pupilCheckRule } from './pupilCheck.js';

/** parent-present: a pupil without a parent or carer recorded as present. */
export const parentPresent = pupilCheckRule({
  id: 'parent-present',
  check: 'parentPresent',
  source: 'seed 000 pupils #5, seed 001 #1, seed 002 lines 24-27',
  missing: {
    message:
      'A pupil has been in the lesson for a few minutes and nobody has recorded that a parent or carer is with them.',
    action: 'Check that a parent or carer is in the room with the pupil, then record it in the side panel register.',
  },
  refused: {
    message: 'A pupil has no parent or carer with them, so under school policy they cannot continue in the lesson.',
    action:
      'Explain kindly that the pupil must leave until a parent or carer can be in the room with them, then remove them from the meeting.',
  },
  describe: (policy) =>
    `A parent or carer stays in the room with each pupil for the whole lesson, checked within ${policy.pupilChecks.withinMinutes} minutes of joining; without one the pupil cannot continue.`,
});
