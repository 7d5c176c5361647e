/** Pupils join from a shared family room, never a bedroom. */
import { pupilCheckRule } from './pupilCheck.js';

/** communal-room: a pupil not recorded as being in a communal room. */
export const communalRoom = pupilCheckRule({
  id: 'communal-room',
  check: 'communalRoom',
  source: 'seed 000 pupils #4, seed 001 #9, seed 002 line 35',
  missing: {
    message: 'A pupil has been in the lesson for a few minutes and nobody has recorded that they are in a shared room.',
    action:
      'Check the pupil is in a shared room such as a kitchen or living room, not a bedroom, then record it in the side panel register.',
  },
  refused: {
    message: 'A pupil is joining from a bedroom or another unsuitable room.',
    action: "Switch off the pupil's camera and ask them to move to a shared room, then record the check again.",
  },
  describe: (policy) =>
    `Pupils join from a shared room, not a bedroom, checked within ${policy.pupilChecks.withinMinutes} minutes of joining; a pupil's camera is turned off until they move.`,
});
