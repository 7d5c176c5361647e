/**
 * The booking routes' answers when a lesson cannot be booked: booking not set up for the school (503),
 * Microsoft refusing to act for the teacher (`consentRequired` 401, `notGranted` 403 with a sentence for
 * IT, `signInAgain` 401), a request id in use (409), or Graph failing part-way (503, with whether the
 * event was removed again). Cancelling and moving a booked lesson are answered the same way, in their own
 * words; a change its booking's state refuses is 404 (not the caller's booking) or 409.
 */
import type { Request, Response } from 'restify';
import { BookingChangeRefused, BookingFailed, BookingRefused } from '../../app/booking/bookingErrors.js';
import { DelegatedAccessError } from '../../app/booking/ports.js';
import { GraphUnavailableError } from '../../app/meetingControl/ports.js';
import type { Logger } from '../../app/ports.js';
import { correlationIdOf } from '../correlation.js';
import { HttpError } from '../errors.js';

/** Answers that booking is not set up: a sentence for the teacher, one for IT naming what to configure. */
export function answerNotSetUp(req: Request, res: Response): void {
  res.status(503);
  res.json({
    error: {
      code: 'bookingNotSetUp',
      message:
        'Booking lessons from Chaperone is not set up for your school yet; book this lesson in Teams for now and ask your IT team to turn it on.',
      forIt:
        'Set AAD_APP_CLIENT_SECRET to a client secret of the Chaperone tab app, and grant admin consent for its delegated Microsoft Graph permissions Calendars.ReadWrite and OnlineMeetings.ReadWrite in Microsoft Entra admin center (Enterprise applications, Chaperone, Permissions).',
      correlationId: correlationIdOf(req),
    },
  });
}

/** What the refusal sentences say for each thing the teacher was doing. */
export type BookingAction = 'book' | 'cancel' | 'move';

interface ActionWords {
  /** What Chaperone needs permission for: "to add lessons to your calendar". */
  permissionFor: string;
  /** What the school has not allowed yet: "to book lessons for you". */
  allowed: string;
  /** What they were doing: "to book", "to change the lesson". */
  doing: string;
  /** What was not done: "nothing was booked". */
  notDone: string;
  /** What to do for now, in Teams: "book this lesson in Teams for now". */
  inTeams: string;
  /** "then book again". */
  again: string;
}

const WORDS: Record<BookingAction, ActionWords> = {
  book: {
    permissionFor: 'to add lessons to your calendar',
    allowed: 'to book lessons for you',
    doing: 'to book',
    notDone: 'nothing was booked',
    inTeams: 'book this lesson in Teams for now',
    again: 'book again',
  },
  cancel: {
    permissionFor: 'to change lessons in your calendar',
    allowed: 'to change lessons in your calendar',
    doing: 'to cancel the lesson',
    notDone: 'the lesson was not cancelled',
    inTeams: 'cancel this lesson in Teams for now',
    again: 'cancel it again',
  },
  move: {
    permissionFor: 'to change lessons in your calendar',
    allowed: 'to change lessons in your calendar',
    doing: 'to move the lesson',
    notDone: 'the lesson was not moved',
    inTeams: 'move this lesson in Teams for now',
    again: 'move it again',
  },
};

/** Answers a refusal or failure the tab can act on; anything unexpected goes to the shared error handler. */
export function answerRefusal(
  req: Request,
  res: Response,
  error: unknown,
  logger: Logger,
  action: BookingAction = 'book',
): void {
  const failed = error instanceof BookingFailed ? error : undefined;
  const cause = failed ? failed.cause : error;
  const after = failed ? ` ${failed.message}` : '';
  const extra = failed ? { rolledBack: failed.rolledBack } : {};
  const words = WORDS[action];
  if (error instanceof BookingRefused) throw new HttpError(409, error.reason, error.message);
  if (error instanceof BookingChangeRefused) throw new HttpError(error.status, error.reason, error.message);
  if (cause instanceof DelegatedAccessError) {
    logger.warn(
      {
        correlationId: correlationIdOf(req),
        action,
        refusal: cause.kind,
        permission: cause.permission,
        rolledBack: failed?.rolledBack,
      },
      'booking refused by Microsoft sign-in or Graph',
    );
    const answer = ACCESS_ANSWERS[cause.kind](words, cause.permission);
    res.status(answer.status);
    res.json({
      error: { ...answer.error, message: `${answer.error.message}${after}`, correlationId: correlationIdOf(req) },
      ...extra,
    });
    return;
  }
  if (cause instanceof GraphUnavailableError || failed) {
    res.status(503);
    res.json({
      error: {
        code: 'bookingFailed',
        message: failed
          ? failed.message
          : `Microsoft Teams did not answer, so ${words.notDone}; try again in a few minutes.`,
        correlationId: correlationIdOf(req),
      },
      ...extra,
    });
    return;
  }
  throw error;
}

type AccessAnswer = { status: number; error: { code: string; message: string; forIt?: string } };

const ACCESS_ANSWERS: Record<DelegatedAccessError['kind'], (w: ActionWords, permission?: string) => AccessAnswer> = {
  consentRequired: (w) => ({
    status: 401,
    error: {
      code: 'consentRequired',
      message: `Chaperone needs your permission ${w.permissionFor}; approve it in the window Teams shows, then ${w.again}.`,
    },
  }),
  notGranted: (w, permission) => ({
    status: 403,
    error: {
      code: 'notGranted',
      message: `Your school has not yet allowed Chaperone ${w.allowed}; ask your IT team, and ${w.inTeams}.`,
      forIt: `Grant admin consent for the Chaperone tab app's delegated Microsoft Graph permission${permission ? ` ${permission}` : 's Calendars.ReadWrite and OnlineMeetings.ReadWrite'} in Microsoft Entra admin center (Enterprise applications, Chaperone, Permissions).`,
    },
  }),
  signInAgain: (w) => ({
    status: 401,
    error: {
      code: 'unauthorized',
      message: `Your sign-in could not be used ${w.doing}; close and reopen the Chaperone tab in Teams, then ${w.again}.`,
    },
  }),
};
