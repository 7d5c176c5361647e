import { ApiError, type Api, type ConcernInput, type ConcernReceipt } from '../api/client.js';

/** The server's message for each form field that needs another look. */
export type FieldErrors = Partial<Record<keyof ConcernInput, string>>;

/** Where the concern form stands after its last send: logged (with the receipt), or what to put right. */
export interface ConcernOutcome {
  receipt?: ConcernReceipt;
  errors: FieldErrors;
  /** A sentence for above the buttons: a failure no field explains. */
  problem?: string;
}

/** The form before anything is sent. */
export const NOTHING_SENT: ConcernOutcome = { errors: {} };

/** Fields that have their own place on the form; a message about any other field goes above the buttons. */
const SHOWN_FIELDS = new Set<string>([
  'pupilName',
  'category',
  'whatHappened',
  'happenedAt',
  'urgency',
  'actionsTaken',
]);

/**
 * Sends the concern and says how it went. A concern already logged is not sent again: a second press
 * queues behind the first and finds its receipt.
 */
export async function sendConcern(api: Api, previous: ConcernOutcome, input: ConcernInput): Promise<ConcernOutcome> {
  if (previous.receipt) return previous;
  try {
    return { receipt: await api.logConcern(input), errors: {} };
  } catch (err) {
    return refused(err);
  }
}

/** The field messages from a refusal, and the sentence for whatever no field explains. */
function refused(err: unknown): ConcernOutcome {
  const errors = err instanceof ApiError ? (err.fields as FieldErrors) : {};
  const elsewhere = Object.entries(errors)
    .filter(([field]) => !SHOWN_FIELDS.has(field))
    .map(([, message]) => message);
  const hasFieldMessages = Object.keys(errors).length > elsewhere.length;
  const problem =
    elsewhere[0] ??
    (hasFieldMessages ? undefined : err instanceof Error ? err.message : 'The concern could not be sent; try again.');
  return { errors, problem };
}
