/**
 * The Bot Framework side of the service, in two parts the composition root builds in order: the
 * outgoing clients (adapter, proactive messenger, notifier, roster, delivery sender), which the
 * use cases need, then the incoming endpoint `POST /api/messages`, which needs the use cases.
 */
import type { Server } from 'restify';
import type { ConcernNotifier, ConcernStore } from '../app/concerns/ports.js';
import type { DeliverySender } from '../app/delivery/delivery.js';
import type { DiscoveredMeeting } from '../app/lessonRoutines/meetingDiscovered.js';
import type { MeetingControl } from '../app/meetingControl/ports.js';
import type { Clock, ConversationStore, Logger, MeetingStore, ParticipantDirectory } from '../app/ports.js';
import type { MeetingActivity } from '../app/lesson/recordMeetingActivity.js';
import type { Config } from '../config.js';
import type { Policy } from '../domain/policy/schema.js';
import { createChaperoneBot } from './chaperoneBot.js';
import { createAdapter } from './createAdapter.js';
import { createTeamsDeliverySender } from './deliverySender.js';
import type { EndpointAdapter } from './endpointAdapter.js';
import { createMeetingAddedHandler } from './meetingInfo.js';
import { createChatCommands, createConcernNotifier } from './messages/index.js';
import type { AcknowledgeAlert } from './messages/commandTypes.js';
import { mountBotEndpoint } from './mountBotEndpoint.js';
import { TeamsNotifier } from './notifier.js';
import { createProactiveMessenger, type ProactiveMessenger } from './proactive.js';
import { ServiceUrls } from './serviceUrls.js';
import { createTenantGate, type TenantGate } from './tenantGate.js';
import { TeamsRoster } from './teamsRoster.js';

/** What the use cases get from Teams. */
export interface TeamsClients {
  adapter: EndpointAdapter;
  messenger: ProactiveMessenger;
  notifier: TeamsNotifier;
  roster: TeamsRoster;
  sender: DeliverySender;
  /** Tells DSLs and reporters about concerns (used by the tab's concern form too). */
  concernNotifier: ConcernNotifier;
  serviceUrls: ServiceUrls;
  /**
   * Which tenants' activities the bot endpoint takes: the school's configured tenants (`config.auth.allowedTenants`).
   */
  tenants: TenantGate;
}

/** Dependencies of {@link createTeamsClients}. */
export interface TeamsClientsDeps {
  config: Config;
  logger: Logger;
  conversations: ConversationStore;
  policyFor(tenantId: string): Policy;
}

/** Builds the outgoing side: nothing is mounted yet. Throws in production when no school tenant is configured. */
export function createTeamsClients(deps: TeamsClientsDeps): TeamsClients {
  const { auth, production } = deps.config;
  const tenants = createTenantGate({ allowedTenants: auth.allowedTenants, production, logger: deps.logger });
  const botAppId = deps.config.bot.appId ?? '';
  const adapter = createAdapter(deps.config.bot, deps.logger, deps.config.auth.authorityHost);
  const serviceUrls = new ServiceUrls();
  const messenger = createProactiveMessenger({
    adapter,
    botAppId,
    conversations: deps.conversations,
    logger: deps.logger,
    serviceUrlFor: async (tenantId, hint) => serviceUrls.for(tenantId, hint),
  });
  const publicOrigin = deps.config.auth.tabDomain
    ? `https://${deps.config.auth.tabDomain}`
    : `http://localhost:${deps.config.port}`;
  const timeZoneOf = (tenantId: string): string => deps.policyFor(tenantId).school.timeZone;
  const notifier = new TeamsNotifier({
    adapter,
    botAppId,
    users: messenger,
    publicOrigin,
    timeZoneOf,
    logger: deps.logger,
    ...(deps.config.teamsAppId ? { teamsAppId: deps.config.teamsAppId } : {}),
  });
  const roster = new TeamsRoster({ adapter, botAppId, logger: deps.logger });
  const concernNotifier = createConcernNotifier({ messenger, policyFor: deps.policyFor, logger: deps.logger });
  return {
    adapter,
    messenger,
    notifier,
    roster,
    sender: createTeamsDeliverySender(notifier),
    concernNotifier,
    serviceUrls,
    tenants,
  };
}

/** Dependencies of {@link mountTeamsEndpoint}: the clients and the use cases the bot calls. */
export interface TeamsEndpointDeps {
  server: Server;
  clients: TeamsClients;
  logger: Logger;
  clock: Clock;
  conversations: ConversationStore;
  directory: ParticipantDirectory;
  meetings: MeetingStore;
  concerns: ConcernStore;
  policyFor(tenantId: string): Policy;
  recordMeetingActivity(activity: MeetingActivity): Promise<void>;
  meetingDiscovered(meeting: DiscoveredMeeting): Promise<void>;
  /** Graph meeting control for the `check` command; absent when Graph is not configured. */
  meetingControl?: MeetingControl;
  /** "I'm dealing with it" on a critical alert card. */
  acknowledgeAlert: AcknowledgeAlert;
  /** `TEAMS_APP_ID`, for links into Chaperone's tabs (the `book` command's card). */
  teamsAppId?: string;
}

/** Mounts `POST /api/messages` with the bot's routing table and chat commands, behind the tenant gate. */
export function mountTeamsEndpoint(deps: TeamsEndpointDeps): void {
  const { clients } = deps;
  const commands = createChatCommands({
    concerns: deps.concerns,
    directory: deps.directory,
    meetings: deps.meetings,
    ...(deps.meetingControl ? { meetingControl: deps.meetingControl } : {}),
    messenger: clients.messenger,
    acknowledgeAlert: deps.acknowledgeAlert,
    policyFor: deps.policyFor,
    clock: deps.clock,
    logger: deps.logger,
    ...(deps.teamsAppId ? { teamsAppId: deps.teamsAppId } : {}),
  });
  const bot = createChaperoneBot({
    serviceUrls: clients.serviceUrls,
    recordMeetingActivity: deps.recordMeetingActivity,
    commands,
    conversations: deps.conversations,
    clock: deps.clock,
    logger: deps.logger,
    onConversationUpdate: createMeetingAddedHandler({ logger: deps.logger, meetingDiscovered: deps.meetingDiscovered }),
  });
  mountBotEndpoint(deps.server, clients.adapter, bot, clients.tenants);
}
