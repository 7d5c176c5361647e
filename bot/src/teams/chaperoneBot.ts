import { TurnContext, type Activity, type InvokeResponse } from 'botbuilder';
import type { Logger, ConversationStore, Clock } from '../app/ports.js';
import type { MeetingActivity } from '../app/lesson/recordMeetingActivity.js';
import { isMeetingEvent, MalformedActivityError, parseMeetingActivity } from './parseMeetingActivity.js';
import type { ServiceUrls } from './serviceUrls.js';
import { turnLogger } from './turnLogger.js';
import { welcomeActivity } from './welcome.js';

/** Chat commands and card actions (see `messages/`). */
export interface ChatCommands {
  handleMessage(context: TurnContext): Promise<void>;
  handleInvoke(context: TurnContext): Promise<InvokeResponse | undefined>;
}

/** Dependencies of {@link createChaperoneBot}. */
export interface ChaperoneBotDeps {
  serviceUrls: ServiceUrls;
  recordMeetingActivity(activity: MeetingActivity): Promise<void>;
  commands: ChatCommands;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
  /** Runs after the conversation is remembered (e.g. the app added to a meeting chat: `meetingInfo.ts`). */
  onConversationUpdate?: (context: TurnContext) => Promise<void>;
}

type Handler = (context: TurnContext) => Promise<void>;

/**
 * The bot's turn logic as a routing table from activity type to handler. Parsing happens here at
 * the edge; everything after it speaks the domain's language.
 */
export function createChaperoneBot(deps: ChaperoneBotDeps): { run(context: TurnContext): Promise<void> } {
  const routes: Record<string, Handler> = {
    event: (context) => onEvent(deps, context),
    message: async (context) => {
      await rememberConversation(deps, context, false);
      await deps.commands.handleMessage(context);
    },
    invoke: async (context) => {
      const response = await deps.commands.handleInvoke(context);
      if (response) await context.sendActivity({ type: 'invokeResponse', value: response });
    },
    conversationUpdate: async (context) => {
      await rememberConversation(deps, context, botWasAdded(context.activity));
      await deps.onConversationUpdate?.(context);
    },
    installationUpdate: (context) => rememberConversation(deps, context, context.activity.action === 'add'),
  };
  return {
    async run(context) {
      const { activity } = context;
      deps.serviceUrls.remember(
        activity.conversation?.tenantId ??
          (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
        activity.serviceUrl,
      );
      const handler = routes[context.activity.type ?? ''];
      if (!handler) {
        turnLogger(context, deps.logger).info(
          { activityType: context.activity.type },
          'activity type not handled; ignored',
        );
        return;
      }
      await handler(context);
    },
  };
}

async function onEvent(deps: ChaperoneBotDeps, context: TurnContext): Promise<void> {
  if (!isMeetingEvent(context.activity)) {
    turnLogger(context, deps.logger).info({ eventName: context.activity.name }, 'event not handled; ignored');
    return;
  }
  let parsed: MeetingActivity;
  try {
    parsed = parseMeetingActivity(context.activity);
  } catch (error) {
    if (!(error instanceof MalformedActivityError)) throw error;
    turnLogger(context, deps.logger).warn(
      { eventName: context.activity.name, reason: error.message },
      'malformed meeting event ignored',
    );
    return;
  }
  await deps.recordMeetingActivity(parsed);
}

function botWasAdded(activity: Activity): boolean {
  return (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
}

/** Stores the conversation reference for proactive messages; greets once when the app arrives. */
async function rememberConversation(deps: ChaperoneBotDeps, context: TurnContext, greet: boolean): Promise<void> {
  const activity = context.activity;
  const tenantId =
    activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (!tenantId || !activity.conversation?.id) return;
  const personal = (activity.conversation.conversationType ?? '').toLowerCase() === 'personal';
  const key = personal ? activity.from?.aadObjectId : activity.conversation.id;
  if (!key) return;
  const existing = await deps.conversations.get(tenantId, key);
  const reference = TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
  const shouldGreet = greet && !existing?.greetedAt;
  if (existing && !shouldGreet && JSON.stringify(existing.reference) === JSON.stringify(reference)) return;
  await deps.conversations.save({
    tenantId,
    key,
    kind: personal
      ? 'personal'
      : (activity.conversation.conversationType ?? '').toLowerCase() === 'channel'
        ? 'channel'
        : 'meeting',
    reference,
    greetedAt: shouldGreet ? deps.clock.now() : existing?.greetedAt,
  });
  if (shouldGreet) await context.sendActivity(welcomeActivity(personal));
}
