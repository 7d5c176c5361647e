/** Why a booking was refused or failed, each with a sentence for the teacher. */

/** The request id cannot be used now: the same booking is still being made, or the id was used for another. */
export class BookingRefused extends Error {
  override name = 'BookingRefused';
  constructor(readonly reason: 'inProgress' | 'requestIdReused') {
    super(
      reason === 'inProgress'
        ? 'This lesson is already being booked; wait a few seconds, then look in your calendar before trying again.'
        : 'This booking request was already used for a different lesson; reload the form and book again.',
    );
  }
}

/**
 * A step after the calendar event was made failed. `rolledBack`: the event was deleted, so nothing is left; false: it
 * could not be deleted and the teacher must remove it. `cause` is the step's own error (an access refusal, Graph down).
 */
export class BookingFailed extends Error {
  override name = 'BookingFailed';
  constructor(
    readonly rolledBack: boolean,
    override readonly cause: unknown,
    title: string,
  ) {
    super(
      rolledBack
        ? 'Chaperone could not finish setting up the lesson, so it removed it from your calendar again: nothing was booked.'
        : `Chaperone could not finish setting up the lesson and could not remove it: delete "${title}" from your Outlook calendar before booking again.`,
    );
  }
}
