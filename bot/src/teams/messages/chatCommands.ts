/**
 * The bot's chat: typed commands and card buttons. Parses each turn at the edge, works out who
 * is asking (fresh on every call), and answers privately. In a lesson, group or channel chat the
 * bot posts nothing at all: staff get the answer in their 1:1 chat with it, and pupils, parents
 * and guests get no answer anywhere, so nothing of Chaperone's lands where they read.
 */
import { randomUUID } from 'node:crypto';
import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { ConcernStore } from '../../app/concerns/ports.js';
import { resolveViewer } from '../../app/concerns/viewer.js';
import type { MeetingControl } from '../../app/meetingControl/ports.js';
import type { Clock, Logger, MeetingStore, ParticipantDirectory } from '../../app/ports.js';
import { can } from '../../app/permissions.js';
import type { Policy } from '../../domain/policy/schema.js';
import { ADAPTIVE_CARD, cardAttachment } from '../cards/adaptive.js';
import type { ProactiveMessenger } from '../proactive.js';
import { turnLogger } from '../turnLogger.js';
import { runCardAction, STAFF_ONLY_NOTE } from './cardActions.js';
import { COMMANDS, runCommand, splitCommand } from './commandTable.js';
import { showCard, type AcknowledgeAlert, type CommandDeps, type CommandRequest } from './commandTypes.js';
import { createChatReplies, messageResponse, SOMETHING_WRONG, type Asker } from './chatReplies.js';
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
  /** The Teams app's id (`TEAMS_APP_ID`): `book` links to the booking form with it. */
  teamsAppId?: string;
}

/** The chat side of the bot, as the ActivityHandler calls it. */
export interface ChatCommands {
  handleMessage(context: TurnContext): Promise<void>;
  handleInvoke(context: TurnContext): Promise<InvokeResponse | undefined>;
}

/** What a button pressed in a public chat says on the card (seen only by the person who pressed it). */
const ANSWERED_PRIVATELY = 'I have answered you in our 1:1 chat.';

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
    ...(deps.teamsAppId ? { teamsAppId: deps.teamsAppId } : {}),
  };

  async function requestFor(turn: ChatTurn): Promise<Omit<CommandRequest, 'args'>> {
    const [viewer, policy] = await Promise.all([
      resolveViewer(deps.directory, turn.person),
      deps.policyFor(turn.tenantId),
    ]);
    return { turn, viewer, policy };
  }

  const { replyPrivately, ignoredInPublic, guarded, sayFailed } = createChatReplies(deps);

  return {
    handleMessage: (context) =>
      guarded(
        'message',
        context,
        (asker) => handleMessage(context, asker),
        (viewer) => sayFailed(context, viewer),
      ),
    // The invoke's answer shows only to the person who pressed the button, wherever the card is.
    handleInvoke: (context) =>
      guarded(
        'invoke',
        context,
        (asker) => handleInvoke(context, asker),
        async () => messageResponse(SOMETHING_WRONG),
      ),
  };

  async function handleMessage(context: TurnContext, asker: Asker): Promise<void> {
    const turn = parseTurn(context.activity);
    if (!turn) return;
    const request = await requestFor(turn);
    asker.viewer = request.viewer;
    if (!turn.personal && !can(request.viewer, 'useStaffCommands')) return ignoredInPublic(context, 'message');
    const command = typeof turn.value?.command === 'string' ? turn.value.command : undefined;
    if (command) {
      const result = await runCardAction(commandDeps, { ...request, args: '' }, command, turn.value ?? {});
      if ('replace' in result && context.activity.replyToId && turn.personal) {
        await context.updateActivity({
          id: context.activity.replyToId,
          type: 'message',
          attachments: [cardAttachment(result.replace)],
        });
      } else {
        await replyPrivately(context, turn, request.viewer, 'send' in result ? result.send : showCard(result.replace));
      }
      return;
    }
    await replyPrivately(context, turn, request.viewer, await runCommand(commandDeps, request));
    // Only a known command name is logged: unknown words might be a pupil's name.
    const { name } = splitCommand(turn.text || 'help');
    turnLogger(context, deps.logger).info(
      { command: COMMANDS[name] ? name : 'unknown', standing: request.viewer.standing },
      'chat command handled',
    );
  }

  async function handleInvoke(context: TurnContext, asker: Asker): Promise<InvokeResponse | undefined> {
    if (context.activity.name !== 'adaptiveCard/action') return undefined;
    const turn = parseTurn(context.activity);
    const action = (turn?.value?.action ?? {}) as { verb?: unknown; data?: unknown };
    if (!turn || typeof action.verb !== 'string')
      return messageResponse('This button could not be read. Type "help" to see what I can do.');
    const data =
      typeof action.data === 'object' && action.data !== null ? (action.data as Record<string, unknown>) : {};
    const request = await requestFor(turn);
    asker.viewer = request.viewer;
    if (!turn.personal && !can(request.viewer, 'useStaffCommands')) {
      ignoredInPublic(context, 'button');
      // Teams needs an answer to the press; it shows only to the presser, and nothing is sent anywhere.
      return messageResponse(STAFF_ONLY_NOTE);
    }
    const result = await runCardAction(commandDeps, { ...request, args: '' }, action.verb, data);
    if ('replace' in result && turn.personal)
      return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: result.replace } };
    // A card replaced in a public chat would change for everyone there: the new card goes to the 1:1 chat.
    await replyPrivately(context, turn, request.viewer, 'send' in result ? result.send : showCard(result.replace));
    return messageResponse('send' in result ? result.note : ANSWERED_PRIVATELY);
  }
}
