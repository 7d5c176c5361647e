import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { MeetingControl } from '../app/meetingControl/ports.js';
import type { Config } from '../config.js';
import { GraphClient } from './graphClient.js';
import { GraphMeetingControl } from './graphMeetingControl.js';
import { clientCredentialsTokenProvider, credentialTokenProvider } from './tokenProvider.js';

/**
 * Graph meeting control when `GRAPH_ENFORCE_SETTINGS=true`: app-only, with the bot's own secret
 * when it has one (single-tenant registration), else the managed identity. Undefined when off.
 */
export function graphMeetingControlFor(config: Config): MeetingControl | undefined {
  if (!config.graph.enforceSettings) return undefined;
  const { appId, password, tenantId } = config.bot;
  const tokens = appId && password && tenantId
    ? clientCredentialsTokenProvider({ tenantId, clientId: appId, clientSecret: password, authorityHost: config.auth.authorityHost })
    : credentialTokenProvider(config.storage.kind === 'accountUrl' && config.storage.managedIdentityClientId ? new ManagedIdentityCredential({ clientId: config.storage.managedIdentityClientId }) : new DefaultAzureCredential());
  return new GraphMeetingControl(new GraphClient({ baseUrl: config.graph.baseUrl, tokens }), { appId });
}
