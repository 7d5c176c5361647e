/** Parental consent is recorded for every pupil at the start of the session. */
import { pupilCheckRule } from './pupilCheck.js';

/** consent: a pupil in the lesson without parental consent recorded. */
export const consent = pupilCheckRule({
  id: 'consent',
  check: 'consent',
  source: 'seed 001 #1, seed 003 line 7',
  missing: {
    message: 'A pupil has been in the lesson for a few minutes and no parental consent is recorded for them.',
    action: 'Ask the parent or carer to confirm consent, then record it in the side panel register.',
  },
  refused: {
    message: "A pupil's parent or carer has not given consent for this video lesson.",
    action: 'Remove the pupil from the meeting kindly and follow up with the family after the lesson.',
  },
  describe: (policy) =>
    `A parent or carer's consent is recorded for each pupil within ${policy.pupilChecks.withinMinutes} minutes of them joining.`,
});
