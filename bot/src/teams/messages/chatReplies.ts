/**
 * Where and how the chat answers: privately (this 1:1 chat, or the member of staff's 1:1 chat when
 * asked in a public one), nothing at all to someone not staff in a public chat, and a sentence with
 * the next step when a turn fails.
 */
import type { InvokeResponse, TurnContext } from 'botbuilder';
import { errorFacts } from '../../app/errorFacts.js';
import { can, type Viewer } from '../../app/permissions.js';
import type { Logger } from '../../app/ports.js';
import type { ProactiveMessenger } from '../proactive.js';
import { turnLogger } from '../turnLogger.js';
import { say, type Reply } from './commandTypes.js';
import { parseTurn, type ChatTurn } from './parseTurn.js';

/** What a turn that failed says, to the asker only. */
export const SOMETHING_WRONG =
  'Sorry, something went wrong on my side and nothing was saved. Please try again in a minute; if a child may be at risk, phone the safeguarding team now.';

/** Who asked, once the turn has worked it out (a failure before then tells nobody). */
export type Asker = { viewer?: Viewer };

/** What {@link createChatReplies} needs. */
export interface ChatReplyDeps {
  messenger: Pick<ProactiveMessenger, 'sendToUser'>;
  logger: Logger;
}

/** An invoke answer that shows a short message and leaves the card as it is. */
export function messageResponse(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

/** Builds the chat's ways of answering. */
export function createChatReplies(deps: ChatReplyDeps) {
  /** Sends `reply` where only the asker sees it. */
  async function replyPrivately(context: TurnContext, turn: ChatTurn, viewer: Viewer, reply: Reply): Promise<void> {
    if (turn.personal) await context.sendActivity(reply);
    else await deps.messenger.sendToUser(turn.tenantId, viewer.aadObjectId, reply);
  }

  /** A turn in a public chat from someone who is not staff: no answer anywhere, one log line with no name or words. */
  function ignoredInPublic(context: TurnContext, what: 'message' | 'button'): void {
    const chat = (context.activity.conversation?.conversationType ?? 'unknown').toLowerCase();
    turnLogger(context, deps.logger).info({ what, chat }, 'not answered: public chat, asker not staff');
  }

  /**
   * Runs one turn; a failure is logged with no content and handed to `failed` with whoever the asker turned out to be.
   */
  async function guarded<T>(
    what: string,
    context: TurnContext,
    run: (asker: Asker) => Promise<T>,
    failed: (viewer?: Viewer) => Promise<T>,
  ): Promise<T> {
    const asker: Asker = {};
    try {
      return await run(asker);
    } catch (error) {
      turnLogger(context, deps.logger).error({ what, err: errorFacts(error) }, 'chat turn failed');
      return failed(asker.viewer);
    }
  }

  /**
   * A failed message, said as a sentence with the next step where only the asker reads it (never in a public chat,
   * never to someone not staff).
   */
  async function sayFailed(context: TurnContext, viewer: Viewer | undefined): Promise<void> {
    const turn = parseTurn(context.activity);
    if (!turn) return;
    try {
      if (turn.personal) await context.sendActivity(say(SOMETHING_WRONG));
      else if (viewer && can(viewer, 'useStaffCommands'))
        await replyPrivately(context, turn, viewer, say(SOMETHING_WRONG));
    } catch (error) {
      turnLogger(context, deps.logger).error(
        { err: errorFacts(error) },
        'could not tell the person the chat turn failed',
      );
    }
  }

  return { replyPrivately, ignoredInPublic, guarded, sayFailed };
}
