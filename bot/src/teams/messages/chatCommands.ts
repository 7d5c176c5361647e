/**
 * The bot's chat: typed commands and card buttons. Parses each turn at the edge, works out who
 * is asking (fresh on every call), and answers privately: in a lesson or group chat it replies in
 * the person's 1:1 chat and says only that it has done so, so no concern detail or DSL view ever
 * lands where pupils and parents read.
 */
import { randomUUID } from 'node:crypto';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { ConcernStore } from '../../app/concerns/ports.js';
import { resolveViewer } from '../../app/concerns/viewer.js';
import type { MeetingControl } from '../../app/meetingControl/ports.js';
import type { Clock, Logger, MeetingStore, ParticipantDirectory } from '../../app/ports.js';
import type { Policy } from '../../domain/policy/schema.js';
import { ADAPTIVE_CARD, type CardElement } from '../cards/adaptive.js';
import type { ProactiveMessenger } from '../proactive.js';
import { runCardAction } from './cardActions.js';
import { COMMANDS, runCommand, splitCommand } from './commandTable.js';
import type { CommandDeps, CommandRequest, Reply, AcknowledgeAlert } from './commandTypes.js';
import { createConcernNotifier } from './concernNotifier.js';
import { parseTurn, type ChatTurn } from './parseTurn.js';

/** What {@link createChatCommands} needs. */
export interface ChatCommandDeps {
  concerns: ConcernStore;
  directory: ParticipantDirectory;
  meetings: Pick<MeetingStore, 'listMeetings'> & Partial<Pick<MeetingStore, 'load'>>;
  /** Graph meeting control for the `check` command; absent when Graph is not configured. */
  meetingControl?: MeetingControl;
  messenger: Pick<ProactiveMessenger, 'sendToUser'>;
  policyFor(tenantId: string): Policy | Promise<Policy>;
  clock: Clock;
  logger: Logger;
  /** Concern reference generator (tests pass a fixed one). */
  newRef?: () => string;
  /** Form id generator (the idempotency key of each concern form). */
  newFormId?: () => string;
  /** "I'm dealing with it" on a critical alert card. */
  acknowledgeAlert?: AcknowledgeAlert;
}

/** The chat side of the bot, as the ActivityHandler calls it. */
export interface ChatCommands {
  handleMessage(context: TurnContext): Promise<void>;
  handleInvoke(context: TurnContext): Promise<InvokeResponse | undefined>;
}

const PRIVATE_NOTE = 'I have answered you in our private chat, so nothing sensitive appears here.';
const SOMETHING_WRONG = 'Sorry, something went wrong on my side and nothing was saved. Please try again in a minute; if a child may be at risk, phone the safeguarding team now.';
const NO_PRIVATE_CHAT = 'Please message me in a 1:1 chat (find Chaperone under Chat) and I will answer you there.';

/** Builds the chat commands. */
export function createChatCommands(deps: ChatCommandDeps): ChatCommands {
  const commandDeps: CommandDeps = {
    store: deps.concerns,
    notifier: createConcernNotifier(deps),
    directory: deps.directory,
    meetings: deps.meetings,
    ...(deps.meetingControl ? { meetingControl: deps.meetingControl } : {}),
    clock: deps.clock,
    logger: deps.logger,
    newFormId: deps.newFormId ?? randomUUID,
    ...(deps.newRef ? { newRef: deps.newRef } : {}),
    ...(deps.acknowledgeAlert ? { acknowledgeAlert: deps.acknowledgeAlert } : {}),
  };

  async function requestFor(turn: ChatTurn): Promise<Omit<CommandRequest, 'args'>> {
    const [viewer, policy] = await Promise.all([resolveViewer(deps.directory, turn.person), deps.policyFor(turn.tenantId)]);
    return { turn, viewer, policy };
  }

  /** Sends `reply` where only the asker sees it; in a public chat leaves just a pointer there. */
  async function replyPrivately(context: TurnContext, turn: ChatTurn, reply: Reply): Promise<void> {
    if (turn.personal) {
      await context.sendActivity(reply);
      return;
    }
    if (!turn.person.aadObjectId) {
      await context.sendActivity(NO_PRIVATE_CHAT);
      return;
    }
    await deps.messenger.sendToUser(turn.tenantId, turn.person.aadObjectId, reply);
    await context.sendActivity(PRIVATE_NOTE);
  }

  /** A failure the person sees as a sentence with the next step; the log gets no content. */
  async function guard<T>(what: string, run: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      deps.logger.error({ what, err: error instanceof Error ? error.name : 'unknown' }, 'chat turn failed');
      return fallback();
    }
  }

  return {
    handleMessage: (context) => guard('message', () => handleMessage(context), async () => void (await context.sendActivity(SOMETHING_WRONG))),
    handleInvoke: (context) => guard('invoke', () => handleInvoke(context), async () => messageResponse(SOMETHING_WRONG)),
  };

  async function handleMessage(context: TurnContext): Promise<void> {
    const turn = parseTurn(context.activity);
    if (!turn) return;
    const request = await requestFor(turn);
    // In a lesson chat the bot answers staff only: pupils and parents get nothing from it there.
    if (!turn.personal && request.viewer.standing === 'none') return;
    const command = typeof turn.value?.command === 'string' ? turn.value.command : undefined;
    if (command) {
      const result = await runCardAction(commandDeps, { ...request, args: '' }, command, turn.value ?? {});
      if ('replace' in result && context.activity.replyToId && turn.personal) {
        await context.updateActivity({ id: context.activity.replyToId, type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: result.replace }] });
      } else {
        await replyPrivately(context, turn, 'send' in result ? result.send : cardReply(result.replace));
      }
      return;
    }
    await replyPrivately(context, turn, await runCommand(commandDeps, request));
    // Only a known command name is logged: unknown words might be a pupil's name.
    const { name } = splitCommand(turn.text || 'help');
    deps.logger.info({ command: COMMANDS[name] ? name : 'unknown', standing: request.viewer.standing }, 'chat command handled');
  }

  async function handleInvoke(context: TurnContext): Promise<InvokeResponse | undefined> {
    if (context.activity.name !== 'adaptiveCard/action') return undefined;
    const turn = parseTurn(context.activity);
    const action = (turn?.value?.action ?? {}) as { verb?: unknown; data?: unknown };
    if (!turn || typeof action.verb !== 'string') return messageResponse('This button could not be read. Type "help" to see what I can do.');
    const data = typeof action.data === 'object' && action.data !== null ? (action.data as Record<string, unknown>) : {};
    const result = await runCardAction(commandDeps, { ...(await requestFor(turn)), args: '' }, action.verb, data);
    if ('replace' in result) return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: result.replace } };
    await replyPrivately(context, turn, result.send);
    return messageResponse(result.note);
  }
}

function cardReply(card: CardElement): Reply {
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: card }] } as Partial<Activity>;
}

/** An invoke answer that shows a short message and leaves the card as it is. */
function messageResponse(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}
