/**
 * Everything the composition root gets from Microsoft Graph, built from configuration: meeting
 * control when `GRAPH_ENFORCE_SETTINGS=true` (its health always, off or not), the staff group
 * whenever `STAFF_GROUP_ID` is set.
 * Both sign in as the managed identity the admin guide grants permissions to (`AZURE_CLIENT_ID`,
 * or the system-assigned one), unless a Graph client secret is configured explicitly.
 */
import { ManagedIdentityCredential } from '@azure/identity';
import { CachedStaffGroup } from '../app/directory/cachedStaffGroup.js';
import type { StaffAnswerStore } from '../app/directory/staffGroup.js';
import { MeetingControlHealth } from '../app/meetingControl/meetingControlHealth.js';
import type { MeetingControl } from '../app/meetingControl/ports.js';
import type { Logger } from '../app/ports.js';
import type { Config } from '../config.js';
import { GraphClient } from './graphClient.js';
import { GraphMeetingControl } from './graphMeetingControl.js';
import { GraphStaffGroup } from './graphStaffGroup.js';
import { clientCredentialsTokenProvider, credentialTokenProvider, type TokenProvider } from './tokenProvider.js';

/** What Graph gives the service; a part is absent when its setting is off. */
export interface GraphServices {
  /** Every call that reads or changes meeting options is recorded in `meetingControlHealth`. */
  meetingControl?: MeetingControl;
  /** The `/healthz` check `meetingSettings`: off, ok, or what Graph says is missing. */
  meetingControlHealth: MeetingControlHealth;
  /** Pass to `SchoolDirectory` as `staffGroup`; its `health()` feeds `/healthz` and the side panel. */
  staffGroup?: CachedStaffGroup;
}

/** What the composition root supplies besides configuration. */
export interface GraphFromConfigOptions {
  /** The `directoryCache` table (`TableDirectoryCache`), so answers are shared and outlive a Graph outage. */
  staffAnswers?: StaffAnswerStore;
  now?: () => number;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

/** Classification waits on the staff group, so its calls fail fast; the stored answers cover the gap. */
const STAFF_GROUP_CLIENT = { timeoutMs: 4_000, maxRetries: 2, maxRetryWaitMs: 4_000 };

/** Builds the Graph adapters the configuration switches on, sharing one sign-in. */
export function graphFromConfig(config: Config, options: GraphFromConfigOptions = {}): GraphServices {
  const meetingControlHealth = new MeetingControlHealth(config.graph.enforceSettings);
  if (!config.graph.enforceSettings && !config.directory.staffGroupId) return { meetingControlHealth };
  const tokens = graphTokens(config);
  const services: GraphServices = { meetingControlHealth };
  if (config.graph.enforceSettings) {
    // The access policy names the app that signs in to Graph, which is the identity, not the bot.
    const meetingControl = new GraphMeetingControl(new GraphClient({ baseUrl: config.graph.baseUrl, tokens }), {
      appId: config.graph.auth.clientId,
    });
    services.meetingControl = meetingControlHealth.watch(meetingControl);
  }
  if (config.directory.staffGroupId) {
    services.staffGroup = new CachedStaffGroup({
      membership: new GraphStaffGroup(
        new GraphClient({ baseUrl: config.graph.baseUrl, tokens, ...STAFF_GROUP_CLIENT }),
        config.directory.staffGroupId,
      ),
      ...(options.staffAnswers ? { store: options.staffAnswers } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ttlMs: config.directory.staffGroupCacheMinutes * 60_000,
      now: options.now ?? Date.now,
    });
  }
  return services;
}

/**
 * The managed identity (user-assigned by `AZURE_CLIENT_ID`, else system-assigned), or the explicit Graph client secret.
 */
export function graphTokens(config: Config): TokenProvider {
  const { auth } = config.graph;
  if (auth.kind === 'clientSecret') {
    const { tenantId, clientId, clientSecret } = auth;
    return clientCredentialsTokenProvider({
      tenantId,
      clientId,
      clientSecret,
      authorityHost: config.auth.authorityHost,
    });
  }
  return credentialTokenProvider(
    auth.clientId ? new ManagedIdentityCredential({ clientId: auth.clientId }) : new ManagedIdentityCredential(),
  );
}
