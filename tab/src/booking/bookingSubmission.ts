/**
 * One press of "Book": sent with its request id, through Teams' consent prompt when Microsoft asks for the
 * teacher's permission, then sent again with the same id, so the lesson is booked once however often it is sent.
 */
import { ApiError, type Api } from '../api/client.js';
import type { BookingAnswer, BookingForm, FieldProblem, InvitedStaff } from '../api/bookingClient.js';
import { failureWords, NO_CONSENT, UNREACHED, type FailureWords } from './bookingWords.js';
import { sendWithConsent } from './consent.js';

/** A press of "Book": the form and the id every retry of it carries. */
export interface BookingAttempt {
  clientRequestId: string;
  form: BookingForm;
}

/** Where the form stands after its last press: booked, or what the server said about it. */
export interface BookingOutcome {
  booked?: Extract<BookingAnswer, { kind: 'booked' }>;
  /** The person invited as the second adult, as the teacher chose them. */
  staff?: InvitedStaff;
  /** The form the answer is about (its JSON), so the field problems are shown only while it is unchanged. */
  formKey?: string;
  problems: FieldProblem[];
  failure?: FailureWords;
}

/** The form before anything is sent. */
export const NOTHING_SENT: BookingOutcome = { problems: [] };

/** The key of a form: the same for the same fields. */
export const formKeyOf = (form: BookingForm): string => JSON.stringify(form);

/**
 * Sends the attempt and says how it went. A lesson already booked is not sent again: a second press queues
 * behind the first and finds its receipt.
 */
export async function sendBooking(
  api: Pick<Api, 'book'>,
  askConsent: () => Promise<boolean>,
  previous: BookingOutcome,
  { clientRequestId, form }: BookingAttempt,
): Promise<BookingOutcome> {
  if (previous.booked) return previous;
  const formKey = formKeyOf(form);
  try {
    const answer = await sendWithConsent(() => api.book(clientRequestId, form), askConsent);
    if (answer.kind === 'noConsent') return { formKey, problems: [], failure: NO_CONSENT };
    if (answer.kind === 'booked') return { booked: answer, staff: form.otherStaff[0], formKey, problems: [] };
    return {
      formKey,
      problems: answer.kind === 'problems' ? answer.problems : [],
      failure: failureWords(answer),
    };
  } catch (err) {
    if (!(err instanceof ApiError)) return { formKey, problems: [], failure: UNREACHED };
    const title = err.status === 400 ? 'Nothing was booked.' : 'The lesson could not be booked.';
    return { formKey, problems: [], failure: { title, message: err.message } };
  }
}
