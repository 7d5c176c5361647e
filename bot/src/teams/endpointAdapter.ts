/**
 * The Bot Framework adapter behind `POST /api/messages`. botbuilder's `CloudAdapter.process` checks
 * its own arguments (the response, the handler, the body, the header) with zod schemas it builds
 * again on every call, which the profile puts at 60-100 µs per activity. The endpoint has already
 * checked that the body is an activity, so {@link EndpointAdapter.handle} goes straight to the
 * adapter's `processActivity`: the same token validation, the same turn, the same answer.
 */
import { CloudAdapter, StatusCodes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import { errorFacts } from '../app/errorFacts.js';
import type { Logger } from '../app/ports.js';

/** What to answer the channel: a status, and a body for invokes. */
export interface EndpointAnswer {
  status: number;
  body?: unknown;
}

/** Time fields a channel sends as text, each with where its text is kept once it is a Date. */
const TIME_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['expiration', 'rawExpiration'],
  ['localTimestamp', 'rawLocalTimestamp'],
] as const;

/**
 * The activity with its times as the turn expects them (as botbuilder's own endpoint leaves them):
 * a Date in the field, the text as sent beside it. Event ids are derived from these, so this must
 * not differ from what the bot has always seen.
 */
function withDates(body: Record<string, unknown>): Activity {
  for (const [field, raw] of TIME_FIELDS) {
    const text = body[field];
    if (typeof text !== 'string') continue;
    body[raw] = text;
    body[field] = new Date(text);
  }
  return body as unknown as Activity;
}

/** A CloudAdapter with one lean way in for an activity the endpoint has parsed. */
export class EndpointAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly logger: Logger,
  ) {
    super(auth);
  }

  /**
   * Authenticates `authHeader` for `activity` (an object with a text `type`) and runs `logic` for it:
   * 401 when the token does not pass, 500 when the turn throws (the channel delivers it again), else
   * the invoke's answer or 200. A refusal or failure is logged with the request's `correlationId`.
   */
  async handle(
    authHeader: string,
    activity: Record<string, unknown>,
    logic: (context: TurnContext) => Promise<void>,
    correlationId?: string,
  ): Promise<EndpointAnswer> {
    try {
      const invoke = await this.processActivity(authHeader, withDates(activity), logic);
      return invoke ? { status: invoke.status ?? StatusCodes.OK, body: invoke.body } : { status: StatusCodes.OK };
    } catch (error) {
      // Never the message (errorFacts.ts): a token or an activity's text never reaches the log.
      const err = errorFacts(error);
      if (error instanceof AuthenticationError) {
        this.logger.warn({ correlationId, err }, 'bot activity refused: its sign-in did not pass');
        return { status: StatusCodes.UNAUTHORIZED, body: error.message };
      }
      this.logger.warn({ correlationId, err }, 'bot activity answered 500: the channel will send it again');
      return { status: StatusCodes.INTERNAL_SERVER_ERROR, body: 'The activity could not be handled; send it again.' };
    }
  }
}
