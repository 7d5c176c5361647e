/**
 * A whole bot for chat-command tests: real CloudAdapter behind node:http, real concern store on
 * Azurite, the fake connector, a scripted directory and clock, and a captured logger.
 */
import { TableClient } from '@azure/data-tables';
import sinon from 'sinon';
import type { MeetingState } from '../../../bot/src/domain/types.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import { TableConcernStore } from '../../../bot/src/storage/concerns/tableConcernStore.js';
import { createChatCommands } from '../../../bot/src/teams/messages/index.js';
import { createProactiveMessenger } from '../../../bot/src/teams/proactive.js';
import { sharedAzurite, uniqueTableName } from '../../support/azurite.js';
import { FakeConnector } from '../../support/fakeConnector.js';
import { anonymousAdapter, captureLogger, memoryConversations, startBotEndpoint, type BotEndpoint } from './harness.js';

export const TENANT = '00000000-0000-4000-8000-00000000fa4e';
/** 2026-06-15 09:00 UTC = 10:00 BST in London. */
export const T0 = Date.UTC(2026, 5, 15, 9, 0);
export const PEOPLE = {
  teacher: { aad: 'aad-teacher-1', teamsId: '29:teacher-1', name: 'Ms Teacher' },
  otherTeacher: { aad: 'aad-teacher-2', teamsId: '29:teacher-2', name: 'Mr Other' },
  dsl1: { aad: 'aad-dsl-1', teamsId: '29:dsl-1', name: 'Mrs Lead' },
  dsl2: { aad: 'aad-dsl-2', teamsId: '29:dsl-2', name: 'Mr Deputy' },
  pupil: { aad: 'aad-pupil-1', teamsId: '29:pupil-1', name: 'Pupil One' },
} as const;
export type Who = keyof typeof PEOPLE;

/** Everything a chat-command test needs. */
export interface World {
  bot: BotEndpoint;
  connector: FakeConnector;
  conversations: ReturnType<typeof memoryConversations>;
  log: ReturnType<typeof captureLogger>;
  store: TableConcernStore;
  clock: { now: number };
  lessons: MeetingState[];
  /** Sends a typed message (personal chat unless `chat` names a group conversation id). */
  say(who: Who, text: string, options?: { chat?: string; value?: Record<string, unknown> }): Promise<void>;
  /** Presses an Action.Execute button; resolves with the invoke response body. */
  press(
    who: Who,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<{ statusCode: number; type: string; value: unknown }>;
  /** Activities the bot sent into `who`'s 1:1 chat (replies and proactive), oldest first. */
  inbox(who: Who): Array<{
    text?: string;
    summary?: string;
    attachments?: Array<{ contentType: string; content: unknown; name?: string; contentUrl?: string }>;
  }>;
  stop(): Promise<void>;
}

const personalId = (who: Who) => `a:personal-${who}`;

/** Builds and starts the world; `teamsAppId` as the service passes `TEAMS_APP_ID` to the chat. */
export async function startWorld(options: { teamsAppId?: string } = {}): Promise<World> {
  const connector = await new FakeConnector().start();
  const azurite = await sharedAzurite();
  const table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('chatconcerns'), {
    allowInsecureConnection: true,
  });
  await table.createTable();
  const store = new TableConcernStore(table);
  const conversations = memoryConversations();
  const log = captureLogger();
  const clock = { now: T0 };
  const lessons: MeetingState[] = [];
  const staff = new Set<string>([PEOPLE.teacher.aad, PEOPLE.otherTeacher.aad, PEOPLE.dsl1.aad, PEOPLE.dsl2.aad]);
  const directory = {
    classify: sinon.fake(
      async (p: { aadObjectId?: string }) =>
        (p.aadObjectId && staff.has(p.aadObjectId) ? 'staff' : 'pupil') as 'staff' | 'pupil',
    ),
    isDsl: sinon.fake(async (_t: string, aad: string) => aad === PEOPLE.dsl1.aad || aad === PEOPLE.dsl2.aad),
    listDsls: sinon.fake(async () => [PEOPLE.dsl1, PEOPLE.dsl2].map((d) => ({ aadObjectId: d.aad, name: d.name }))),
    listEscalation: sinon.fake.resolves([]),
  };
  // The people already have 1:1 chats with the bot, as the lead's handler stores them.
  for (const [who, p] of Object.entries(PEOPLE)) {
    await conversations.save({
      tenantId: TENANT,
      key: p.aad,
      kind: 'personal',
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: personalId(who as Who), conversationType: 'personal', tenantId: TENANT },
        bot: { id: '28:bot', name: 'Chaperone' },
      },
    });
  }
  const adapter = anonymousAdapter();
  const messenger = createProactiveMessenger({
    adapter,
    botAppId: '',
    conversations,
    logger: log.logger,
    defaultServiceUrl: connector.url,
  });
  let refs = 0;
  const commands = createChatCommands({
    concerns: store,
    directory,
    meetings: {
      listMeetings: async (_tenant, options) =>
        lessons.filter((l) => !options?.organizerId || l.organizerId === options.organizerId),
    },
    messenger,
    policyFor: () => policyFromPreset('strict'),
    clock: { now: () => clock.now },
    logger: log.logger,
    newRef: () => `C-TEST${'23456789ABCDEFGHJKMNPQRSTWXYZ'[refs++ % 29]}${'2'}`,
    ...(options.teamsAppId ? { teamsAppId: options.teamsAppId } : {}),
  });
  const bot = await startBotEndpoint(commands);

  const base = (who: Who, chat?: string) => ({
    channelId: 'msteams',
    serviceUrl: connector.url,
    id: `act-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date(clock.now).toISOString(),
    from: { id: PEOPLE[who].teamsId, name: PEOPLE[who].name, aadObjectId: PEOPLE[who].aad },
    recipient: { id: '28:bot', name: 'Chaperone' },
    conversation: chat
      ? { id: chat, conversationType: 'groupChat', isGroup: true, tenantId: TENANT }
      : { id: personalId(who), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });

  return {
    bot,
    connector,
    conversations,
    log,
    store,
    clock,
    lessons,
    async say(who, text, options = {}) {
      const mention = options.chat
        ? {
            entities: [{ type: 'mention', text: '<at>Chaperone</at>', mentioned: { id: '28:bot', name: 'Chaperone' } }],
          }
        : {};
      const res = await bot.post({
        ...base(who, options.chat),
        type: 'message',
        text: options.chat ? `<at>Chaperone</at> ${text}` : text,
        ...mention,
        ...(options.value ? { value: options.value, replyToId: 'card-activity-1' } : {}),
      });
      if (res.status >= 300) throw new Error(`bot answered ${res.status}`);
    },
    async press(who, verb, data) {
      const res = await bot.post({
        ...base(who),
        type: 'invoke',
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
      return res.body as { statusCode: number; type: string; value: unknown };
    },
    inbox(who) {
      return connector
        .requestsTo(`/v3/conversations/${personalId(who)}/activities`)
        .filter((r) => r.method === 'POST')
        .map((r) => r.body as ReturnType<World['inbox']>[number]);
    },
    async stop() {
      await bot.stop();
      await connector.stop();
    },
  };
}

/** The Action.Execute data of the first button with `verb` on a card. */
export function buttonData(card: unknown, verb: string): Record<string, unknown> {
  const actions = (card as { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> }).actions ?? [];
  const button = actions.find((a) => a.verb === verb);
  if (!button) throw new Error(`no ${verb} button on the card`);
  return button.data ?? {};
}

/** Every text on a card, joined (TextBlocks, TextRuns, facts, labels, choices). */
export function cardText(card: unknown): string {
  return JSON.stringify(card);
}
