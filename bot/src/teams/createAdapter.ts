import { CloudAdapter, ConfigurationBotFrameworkAuthentication, StatusCodes, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from '../app/ports.js';
import { shouldRetryLater } from '../app/retryLater.js';
import type { Config } from '../config.js';

/**
 * The public cloud's Bot Framework endpoints with only the signing-key location replaced. botbuilder
 * takes a separate code path once any endpoint is overridden, and that path has no defaults.
 */
function publicCloudWithKeysFrom(openIdMetadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  };
}

/**
 * botbuilder answers 500 when a token fails signature checks (the JWT library's error is not its
 * AuthenticationError), and Teams retries a 500. Any failure while authenticating is a 401.
 */
function refuseBadTokensWith401(auth: ConfigurationBotFrameworkAuthentication): ConfigurationBotFrameworkAuthentication {
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    try {
      return await authenticate(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${error instanceof Error ? error.name : 'token rejected'}`, StatusCodes.UNAUTHORIZED);
    }
  };
  return auth;
}

/**
 * The Bot Framework adapter. With no BOT_ID it runs anonymously (local mode: the simulator and
 * tests); with one, botbuilder validates every inbound token and rejects the rest with 401.
 */
export function createAdapter(bot: Config['bot'], logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId ?? '',
    MicrosoftAppPassword: bot.password ?? '',
    MicrosoftAppType: bot.appId ? bot.type : '',
    MicrosoftAppTenantId: bot.tenantId ?? '',
    ...(bot.openIdMetadataUrl ? publicCloudWithKeysFrom(bot.openIdMetadataUrl) : {}),
  });
  const adapter = new CloudAdapter(refuseBadTokensWith401(auth));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ activityType: context.activity.type, err: error.message }, 'turn failed');
    // Rethrown, botbuilder answers 500 and Teams delivers the activity again; anything else is a
    // bug or bad data that a redelivery would not fix, so the turn ends with the error logged.
    if (shouldRetryLater(error)) throw error;
  };
  return adapter;
}
