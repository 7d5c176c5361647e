import { ClientSecretCredential } from '@azure/identity';
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type TurnContext } from 'botbuilder';
import { AuthenticationError, ServiceClientCredentialsFactory, TokenCredentials } from 'botframework-connector';
import { errorFacts } from '../app/errorFacts.js';
import type { Logger } from '../app/ports.js';
import { shouldRetryLater } from '../app/retryLater.js';
import type { Config } from '../config.js';
import { DEFAULT_AUTHORITY_HOST } from '../graph/tokenProvider.js';
import { EndpointAdapter } from './endpointAdapter.js';
import { reuseClients } from './reusedClients.js';
import { turnLogger } from './turnLogger.js';

/** What the bot's tokens are for when botbuilder names no audience: the Bot Framework's channels. */
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';
/** The tenant a MultiTenant bot signs in through. */
const BOT_FRAMEWORK_TENANT = 'botframework.com';

/** Where the bot signs in: its own tenant (BOT_TENANT_ID) when SingleTenant, else the Bot Framework's. */
function signInTenant(bot: Config['bot']): string {
  // config.ts refuses SingleTenant without BOT_TENANT_ID.
  return bot.type === 'SingleTenant' && bot.tenantId ? bot.tenantId : BOT_FRAMEWORK_TENANT;
}

/**
 * The public cloud's Bot Framework endpoints with the signing-key location and the sign-in authority
 * replaced. botbuilder takes a separate code path once any endpoint is overridden, and that path has no defaults.
 */
function publicCloudWithKeysFrom(openIdMetadataUrl: string, loginUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: loginUrl,
    ToChannelFromBotOAuthScope: BOT_FRAMEWORK_AUDIENCE,
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

type Credentials = Awaited<ReturnType<ServiceClientCredentialsFactory['createCredentials']>>;

/**
 * Signs the bot's calls to Teams with tokens from `<authority host>/<tenant>` (client secret).
 * botbuilder's own factory would always sign in at login.microsoftonline.com, whatever host is configured.
 */
class ClientSecretSignIn extends ServiceClientCredentialsFactory {
  private readonly credential: ClientSecretCredential;

  constructor(
    private readonly appId: string,
    password: string,
    tenant: string,
    authorityHost: string,
  ) {
    super();
    // MSAL asks login.microsoftonline.com to vouch for any host it does not know; a configured host is trusted as
    // given.
    const disableInstanceDiscovery = new URL(authorityHost).origin !== new URL(DEFAULT_AUTHORITY_HOST).origin;
    this.credential = new ClientSecretCredential(tenant, appId, password, { authorityHost, disableInstanceDiscovery });
  }

  /** Never serialised with its secret (botbuilder's own factories do the same). */
  toJSON(): object {
    return { name: 'ClientSecretSignIn', appId: this.appId };
  }

  override async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }

  override async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }

  override async createCredentials(appId: string, audience: string | undefined): Promise<Credentials> {
    if (appId !== this.appId) throw new Error('Invalid appId.');
    const resource = audience || BOT_FRAMEWORK_AUDIENCE;
    const scope = resource.endsWith('/.default') ? resource : `${resource}/.default`;
    // @azure/identity caches the token and renews it before it expires.
    return {
      signRequest: async (request) =>
        new TokenCredentials((await this.credential.getToken(scope)).token).signRequest(request),
    };
  }
}

/**
 * botbuilder answers 500 when a token fails signature checks (the JWT library's error is not its
 * AuthenticationError), and Teams retries a 500. Any failure while authenticating is a 401.
 */
function refuseBadTokensWith401(
  auth: ConfigurationBotFrameworkAuthentication,
): ConfigurationBotFrameworkAuthentication {
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(
        `Unauthorized: ${error instanceof Error ? error.name : 'token rejected'}`,
        StatusCodes.UNAUTHORIZED,
      );
    }
  };
  return auth;
}

/**
 * The Bot Framework adapter. With no BOT_ID it runs anonymously (local mode: the simulator and
 * tests); with one, botbuilder validates every inbound token and rejects the rest with 401. A bot
 * with a client secret signs in for its outgoing calls at `authorityHost` (AAD_AUTHORITY_HOST);
 * a UserAssignedMSI bot signs in as the managed identity (botbuilder's own).
 */
export function createAdapter(
  bot: Config['bot'],
  logger: Logger,
  authorityHost: string = DEFAULT_AUTHORITY_HOST,
): EndpointAdapter {
  const host = authorityHost.replace(/\/+$/, '');
  // Without a secret botbuilder signs in itself: anonymously in local mode, else as the managed identity.
  const withSecret =
    bot.appId && bot.password && bot.type !== 'UserAssignedMSI'
      ? { appId: bot.appId, password: bot.password, tenant: signInTenant(bot) }
      : undefined;
  const loginUrl = `${host}/${withSecret?.tenant ?? BOT_FRAMEWORK_TENANT}`;
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: bot.appId ?? '',
      MicrosoftAppPassword: bot.password ?? '',
      MicrosoftAppType: bot.appId ? bot.type : '',
      MicrosoftAppTenantId: bot.tenantId ?? '',
      ...(bot.openIdMetadataUrl ? publicCloudWithKeysFrom(bot.openIdMetadataUrl, loginUrl) : {}),
    },
    withSecret && new ClientSecretSignIn(withSecret.appId, withSecret.password, withSecret.tenant, host),
  );
  const adapter = new EndpointAdapter(reuseClients(refuseBadTokensWith401(auth)), logger);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    turnLogger(context, logger).error({ activityType: context.activity.type, err: errorFacts(error) }, 'turn failed');
    // Rethrown, botbuilder answers 500 and Teams delivers the activity again; anything else is a
    // bug or bad data that a redelivery would not fix, so the turn ends with the error logged.
    if (shouldRetryLater(error)) throw error;
  };
  return adapter;
}
