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

/** Why a booked lesson cannot be cancelled or moved now. */
export type ChangeRefusal =
  'notFound' | 'cancelled' | 'started' | 'eventNotFound' | 'requestIdReused' | 'changedMeanwhile';

const CHANGE_REFUSALS: Record<ChangeRefusal, string> = {
  notFound: 'Chaperone has no lesson of yours with this id; reload your lessons and try again.',
  cancelled: 'This lesson was cancelled, so it cannot be moved; book a new lesson instead.',
  started:
    'This lesson has already started, so Chaperone can no longer change it; change it in your Teams calendar if you need to.',
  eventNotFound:
    'Chaperone could not find this lesson in your Outlook calendar, so nothing was changed; if it is still there, change it in Outlook or Teams.',
  requestIdReused: 'This change request was already used for a different change; reload your lessons and try again.',
  changedMeanwhile:
    'This lesson was being changed from somewhere else at the same moment; reload your lessons to see it, then try again.',
};

/** A booked lesson could not be cancelled or moved; nothing was changed unless the reason says otherwise. */
export class BookingChangeRefused extends Error {
  override name = 'BookingChangeRefused';
  constructor(readonly reason: ChangeRefusal) {
    super(CHANGE_REFUSALS[reason]);
  }

  /** 404 for a lesson the caller has no booking of (another teacher's included), 409 for the rest. */
  get status(): number {
    return this.reason === 'notFound' ? 404 : 409;
  }
}
