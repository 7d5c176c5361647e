import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { ConcernNotifier, ConcernStore } from '../app/concerns/ports.js';
import type { DiscoveredMeeting } from '../app/lessonRoutines/meetingDiscovered.js';
import type { MeetingControl } from '../app/meetingControl/ports.js';
import type { Clock, ConversationStore, Logger, MeetingStore, ParticipantDirectory } from '../app/ports.js';
import type { MeetingActivity } from '../app/recordMeetingActivity.js';
import type { Config } from '../config.js';
import type { Policy } from '../domain/policy/schema.js';
import { createChaperoneBot } from './chaperoneBot.js';
import { createAdapter } from './createAdapter.js';
import { createMeetingAddedHandler } from './meetingInfo.js';
import { createChatCommands, createConcernNotifier } from './messages/index.js';
import { mountBotEndpoint } from './mountBotEndpoint.js';
import { TeamsNotifier } from './notifier.js';
import { createProactiveMessenger } from './proactive.js';
import { ServiceUrls } from './serviceUrls.js';
import { TeamsRoster } from './teamsRoster.js';

/** What the rest of the service gets back from the Teams edge. */
export interface TeamsWiring {
  adapter: CloudAdapter;
  notifier: TeamsNotifier;
  roster: TeamsRoster;
  /** Tells DSLs and reporters about concerns (used by the tab's concern form too). */
  concernNotifier: ConcernNotifier;
  /** Connects the meeting use case (built after the notifier it needs). */
  setMeetingHandler(handler: (activity: MeetingActivity) => Promise<void>): void;
  /** Connects what happens when the app is added to a meeting chat ("Meet now" and short-notice checks). */
  setMeetingDiscoveredHandler(handler: (meeting: DiscoveredMeeting) => Promise<void>): void;
}

/** Dependencies of {@link attachTeams}. */
export interface AttachTeamsDeps {
  server: Server;
  config: Config;
  logger: Logger;
  clock: Clock;
  conversations: ConversationStore;
  directory: ParticipantDirectory;
  meetings: MeetingStore;
  concerns: ConcernStore;
  policyFor(tenantId: string): Policy;
  /** Graph meeting control for the `check` command; absent when Graph is not configured. */
  meetingControl?: MeetingControl;
}

/**
 * Builds the Bot Framework side of the service (adapter, proactive messenger, notifier, roster,
 * chat commands) and mounts `POST /api/messages`.
 */
export function attachTeams(deps: AttachTeamsDeps): TeamsWiring {
  const botAppId = deps.config.bot.appId ?? '';
  const adapter = createAdapter(deps.config.bot, deps.logger);
  const serviceUrls = new ServiceUrls();
  const messenger = createProactiveMessenger({ adapter, botAppId, conversations: deps.conversations, logger: deps.logger, serviceUrlFor: async (tenantId) => serviceUrls.for(tenantId) });
  const publicOrigin = deps.config.auth.tabDomain ? `https://${deps.config.auth.tabDomain}` : `http://localhost:${deps.config.port}`;
  const notifier = new TeamsNotifier({ adapter, botAppId, users: messenger, publicOrigin, logger: deps.logger });
  const roster = new TeamsRoster({ adapter, botAppId, logger: deps.logger });
  const commands = createChatCommands({
    concerns: deps.concerns,
    directory: deps.directory,
    meetings: deps.meetings,
    ...(deps.meetingControl ? { meetingControl: deps.meetingControl } : {}),
    messenger,
    policyFor: deps.policyFor,
    clock: deps.clock,
    logger: deps.logger,
  });
  let meetingHandler: ((activity: MeetingActivity) => Promise<void>) | undefined;
  let meetingDiscovered: ((meeting: DiscoveredMeeting) => Promise<void>) | undefined;
  const onConversationUpdate = createMeetingAddedHandler({ logger: deps.logger, meetingDiscovered: async (meeting) => meetingDiscovered?.(meeting) });
  const bot = createChaperoneBot({
    serviceUrls,
    recordMeetingActivity: (activity) => {
      if (!meetingHandler) throw new Error('meeting handler not connected');
      return meetingHandler(activity);
    },
    commands,
    conversations: deps.conversations,
    clock: deps.clock,
    logger: deps.logger,
    onConversationUpdate,
  });
  mountBotEndpoint(deps.server, adapter, bot);
  const concernNotifier = createConcernNotifier({ messenger, policyFor: deps.policyFor, logger: deps.logger });
  return { adapter, notifier, roster, concernNotifier, setMeetingHandler: (handler) => (meetingHandler = handler), setMeetingDiscoveredHandler: (handler) => (meetingDiscovered = handler) };
}
