import type { PupilCheckView } from '../api/client.js';
import { timeOfDay } from './format.js';

/** A check's state as the server sends it. */
export type CheckState = PupilCheckView['state'];

/** The three choices, in the order the panel offers them. */
export const CHECK_STATES: Array<{ state: CheckState; label: string }> = [
  { state: 'yes', label: 'Yes' },
  { state: 'no', label: 'No' },
  { state: 'notYet', label: 'Not yet' },
];

/** The label of one state ("Yes", "No", "Not yet"). */
export function stateLabel(state: CheckState): string {
  return CHECK_STATES.find((s) => s.state === state)?.label ?? state;
}

/** Who set the check and when, in a sentence: "Yes, recorded by Ms Khan at 10:04". */
export function checkSentence(view: PupilCheckView | undefined, timeZone: string): string {
  const stamp = view?.stamp;
  if (!view || !stamp) return 'Not recorded yet';
  const when = `${stamp.byName} at ${timeOfDay(stamp.at, timeZone)}`;
  return view.state === 'notYet' ? `Not yet, set back by ${when}` : `${stateLabel(view.state)}, recorded by ${when}`;
}
