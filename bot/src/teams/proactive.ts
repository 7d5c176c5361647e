/**
 * Proactive messages: the bot speaking first, to one member of staff in their 1:1 chat (DSL
 * alerts, receipts, private replies to commands typed in a meeting chat) or into any conversation
 * it has a reference for. Generic: callers pass a ready-made activity.
 */
import type {
  Activity,
  CloudAdapter,
  ConversationParameters,
  ConversationReference,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { ConversationStore, Logger } from '../app/ports.js';
import { connectorFailure, isStaleConversation } from './connectorErrors.js';

/** Scope the bot's token is requested for when it calls the public-cloud connector. */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/** Options for {@link createProactiveMessenger}. */
export interface ProactiveMessengerOptions {
  adapter: CloudAdapter;
  /** The bot's app id; an empty string in local anonymous mode (botbuilder needs a string). */
  botAppId: string;
  /** Where 1:1 conversation references are kept, keyed by tenant and the user's Entra object id. */
  conversations: ConversationStore;
  logger: Logger;
  /** The tenant's connector URL for users never seen before, e.g. `https://smba.trafficmanager.net/uk/`. */
  defaultServiceUrl?: string;
  /** The service URL from any stored reference of the tenant, preferred over the default. */
  serviceUrlFor?(tenantId: string, hint?: string): string | undefined | Promise<string | undefined>;
}

/** Sends activities nobody asked for just now. */
export interface ProactiveMessenger {
  /**
   * Sends to a member of staff's 1:1 chat with the bot: continues the stored conversation, or
   * creates it (and stores its reference) when there is none yet.
   */
  sendToUser(
    tenantId: string,
    aadObjectId: string,
    activity: Partial<Activity>,
    serviceUrlHint?: string,
  ): Promise<ResourceResponse | undefined>;
  /** Sends into a conversation the bot already has a reference for. */
  sendToConversation(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | undefined>;
  /**
   * Replaces a message the bot sent to a member of staff's 1:1 chat (e.g. an alert card, once
   * someone else took the alert); without a stored chat it sends `activity` as a new message.
   */
  updateForUser(
    tenantId: string,
    aadObjectId: string,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | undefined>;
}

/** Builds the messenger used by notifiers and chat commands. */
export function createProactiveMessenger(options: ProactiveMessengerOptions): ProactiveMessenger {
  const { adapter, botAppId, conversations, logger } = options;

  async function sendToConversation(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<ResourceResponse | undefined> {
    let sent: ResourceResponse | undefined;
    await continueReporting(adapter, botAppId, reference, async (context) => {
      sent = await context.sendActivity(activity);
    });
    return sent;
  }

  async function createPersonalChat(
    tenantId: string,
    aadObjectId: string,
    serviceUrlHint?: string,
  ): Promise<Partial<ConversationReference>> {
    const serviceUrl =
      (await options.serviceUrlFor?.(tenantId, serviceUrlHint)) ?? serviceUrlHint ?? options.defaultServiceUrl;
    if (!serviceUrl)
      throw new Error('No Teams service URL is known for this tenant yet; set the default service URL in config.');
    const parameters = {
      isGroup: false,
      bot: { id: botAppId ? `28:${botAppId}` : 'chaperone', name: 'Chaperone' },
      members: [{ id: aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    let reference: Partial<ConversationReference> | undefined;
    await adapter.createConversationAsync(
      botAppId,
      'msteams',
      serviceUrl,
      CONNECTOR_AUDIENCE,
      parameters,
      async (context) => {
        reference = referenceOf(context);
      },
    );
    if (!reference?.conversation?.id) throw new Error('Teams did not return a conversation for the new 1:1 chat.');
    await conversations.save({
      tenantId,
      key: aadObjectId,
      kind: 'personal',
      reference: reference as Record<string, unknown>,
    });
    logger.info({ tenantId }, 'created a 1:1 chat for a proactive message');
    return reference;
  }

  async function sendToUser(
    tenantId: string,
    aadObjectId: string,
    activity: Partial<Activity>,
    serviceUrlHint?: string,
  ): Promise<ResourceResponse | undefined> {
    const stored = await conversations.get(tenantId, aadObjectId);
    if (stored?.kind !== 'personal')
      return sendToConversation(await createPersonalChat(tenantId, aadObjectId, serviceUrlHint), activity);
    try {
      return await sendToConversation(stored.reference as Partial<ConversationReference>, activity);
    } catch (error) {
      // The stored chat is gone (app removed and added again, account moved): start it again, once.
      if (!isStaleConversation(connectorFailure(error))) throw error;
      logger.warn({ tenantId }, 'stored 1:1 chat refused the message; creating it again');
      return sendToConversation(await createPersonalChat(tenantId, aadObjectId, serviceUrlHint), activity);
    }
  }

  return {
    sendToConversation,
    async updateForUser(tenantId, aadObjectId, activityId, activity) {
      const stored = await conversations.get(tenantId, aadObjectId);
      if (stored?.kind !== 'personal') return sendToUser(tenantId, aadObjectId, activity);
      await continueReporting(
        adapter,
        botAppId,
        stored.reference as Partial<ConversationReference>,
        async (context) => {
          await context.updateActivity({ ...activity, id: activityId });
        },
      );
      return { id: activityId };
    },
    sendToUser,
  };
}

/**
 * `continueConversationAsync`, except that an error inside `logic` reaches the caller: botbuilder
 * hands it to the adapter's turn-error handler, which logs it and lets the call resolve as if the
 * message had been sent.
 */
export async function continueReporting(
  adapter: CloudAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  await adapter.continueConversationAsync(botAppId, reference, async (context: TurnContext) => {
    try {
      await logic(context);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}

/** The reference of the conversation a turn belongs to, without the incoming activity's id. */
export function referenceOf(context: TurnContext): Partial<ConversationReference> {
  const a = context.activity;
  return {
    channelId: a.channelId,
    serviceUrl: a.serviceUrl,
    conversation: {
      ...a.conversation,
      tenantId: a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
    },
    bot: a.recipient,
    ...(a.from ? { user: a.from } : {}),
  };
}
