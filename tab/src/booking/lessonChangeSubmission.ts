/**
 * One press of "Cancel the lesson" or "Move the lesson": sent, through Teams' consent prompt when Microsoft asks for
 * the teacher's permission and then sent again as it was, and read into what the dialog shows.
 */
import { ApiError } from '../api/client.js';
import type { ChangeAnswer, FieldProblem } from '../api/bookingClient.js';
import { changeFailure, noConsent, unreached, type LessonChange } from './bookedLessonWords.js';
import type { FailureWords } from './bookingWords.js';
import { sendWithConsent } from './consent.js';

/** Where a change stands after its last press: made, or what the server said about it. */
export interface ChangeOutcome {
  changed?: Extract<ChangeAnswer, { kind: 'changed' }>;
  /** The new times' problems by field (a move the school's rules refuse). */
  problems: FieldProblem[];
  failure?: FailureWords;
  /** Which press the answer is about (a move's fields), so its problems are shown only while they are unchanged. */
  key?: string;
}

/** The dialog before anything is sent. */
export const NOTHING_SENT: ChangeOutcome = { problems: [] };

/** Sends the change (`send` sends the same request every time it is called) and says how it went. */
export async function sendChange(
  change: LessonChange,
  send: () => Promise<ChangeAnswer>,
  askConsent: () => Promise<boolean>,
): Promise<ChangeOutcome> {
  try {
    const answer = await sendWithConsent(send, askConsent);
    if (answer.kind === 'noConsent') return { problems: [], failure: noConsent(change) };
    if (answer.kind === 'changed') return { changed: answer, problems: [] };
    return { problems: answer.kind === 'problems' ? answer.problems : [], failure: changeFailure(change, answer) };
  } catch (err) {
    if (!(err instanceof ApiError)) return { problems: [], failure: unreached(change) };
    const refused = { kind: 'refused', status: err.status, code: err.code, message: err.message } as const;
    return { problems: [], failure: changeFailure(change, refused) };
  }
}
