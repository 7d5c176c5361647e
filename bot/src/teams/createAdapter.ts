import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Logger } from '../app/ports.js';
import type { Config } from '../config.js';

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
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ activityType: context.activity.type, err: error.message }, 'turn failed');
  };
  return adapter;
}
