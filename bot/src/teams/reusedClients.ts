/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and a new UserTokenClient (each a full HTTP
 * pipeline) for every incoming activity, although both depend only on the bot's app id, the channel's
 * service URL and the audience. Building them cost about a tenth of the CPU of a lesson event. This
 * keeps one of each per combination, as botbuilder's older BotFrameworkAdapter kept its connector
 * clients. Tokens are unaffected: the credentials inside each client sign every request with a token
 * they renew themselves, and inbound authentication still runs for every activity.
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConstants,
  ConnectorFactory,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { LRUCache } from 'lru-cache';

/** Combinations kept: service URLs are a handful of regional endpoints, so this is never reached in practice. */
const KEPT = 200;

/** The app id botbuilder builds clients for: the token's audience, or its `appid` claim (as botbuilder reads it). */
function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** One client per key; a client that failed to build is not kept, so the next activity tries again. */
function reuse<T extends object>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const kept = cache.get(key);
  if (kept) return kept;
  const made = make();
  cache.set(key, made);
  made.catch(() => cache.delete(key));
  return made;
}

/** A connector factory that hands out the client it built before for the same service URL and audience. */
class ReusedConnectors extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: LRUCache<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\n${serviceUrl}\n${audience ?? ''}`;
    return reuse(this.cache, key, () => this.inner.create(serviceUrl, audience));
  }
}

/** Makes `auth` hand out reused connector and user-token clients; returns it. */
export function reuseClients(auth: ConfigurationBotFrameworkAuthentication): ConfigurationBotFrameworkAuthentication {
  const connectors = new LRUCache<string, Promise<ConnectorClient>>({ max: KEPT });
  const tokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: KEPT });
  const createFactory = auth.createConnectorFactory.bind(auth);
  const createTokenClient = auth.createUserTokenClient.bind(auth);
  const authenticate = auth.authenticateRequest.bind(auth);
  // The adapter takes an inbound activity's connector factory from its authentication result.
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    const { claimsIdentity, connectorFactory } = result;
    if (!connectorFactory) return result;
    return { ...result, connectorFactory: new ReusedConnectors(connectorFactory, appIdOf(claimsIdentity), connectors) };
  };
  auth.createConnectorFactory = (claims) => new ReusedConnectors(createFactory(claims), appIdOf(claims), connectors);
  auth.createUserTokenClient = (claims) => reuse(tokenClients, appIdOf(claims), () => createTokenClient(claims));
  return auth;
}
