import { ConcurrencyExhaustedError } from './lesson/applyMeetingEvent.js';
import { OutageBufferFullError } from './lesson/outageBuffer.js';

/**
 * Whether a failure means "not recorded yet, send it again" (storage contention, or storage down with
 * the outage buffer full), as opposed to a bug or bad data that a redelivery would not fix. The Teams
 * edge answers these with a server error, so Teams redelivers the activity instead of it being lost.
 */
export function shouldRetryLater(error: unknown): boolean {
  return error instanceof ConcurrencyExhaustedError || error instanceof OutageBufferFullError;
}
