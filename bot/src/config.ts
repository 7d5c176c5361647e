import type { z } from 'zod';
import { envSchema } from './configSchema.js';
import { isTeamsAppId } from './teams/alerts/recordLink.js';

/** Typed configuration of one service process. */
export interface Config {
  port: number;
  host: string;
  /** True when real credentials are configured: the dev simulator and dev token signer do not exist. */
  production: boolean;
  /** Local files: the emulator's tables in local mode, and the journal of events held while storage is down. */
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** The Teams app's id, for deep links into the app (the lesson record); unset: links open the service's pages. */
  teamsAppId: string | undefined;
  bot: {
    appId?: string;
    password?: string;
    tenantId?: string;
    type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    /**
     * Where Bot Framework signing keys are published (default: the public cloud's); tests point it at a local issuer.
     */
    openIdMetadataUrl?: string;
  };
  storage:
    | { kind: 'connectionString'; connectionString: string; tablePrefix?: string }
    | { kind: 'accountUrl'; accountUrl: string; managedIdentityClientId?: string; tablePrefix?: string }
    | { kind: 'localAzurite'; tablePrefix?: string };
  auth: {
    clientId?: string;
    tenantId?: string;
    allowedTenants: string[];
    authorityHost: string;
    jwksUri?: string;
    issuer?: string;
    tabDomain?: string;
  };
  policy: { preset: string; file?: string };
  /** `staffGroupCacheMinutes`: how long a staff-group answer is used before Graph is asked again. */
  directory: { staffFile?: string; staffGroupId?: string; staffGroupCacheMinutes: number };
  /** `auth`: Graph signs in with the managed identity unless a Graph client secret is configured. */
  graph: { baseUrl: string; enforceSettings: boolean; auth: GraphAuth };
  /**
   * Booking lessons as the teacher: the tab's Entra app and its secret, for the on-behalf-of exchange (in the caller's
   * tenant, at `auth.authorityHost`). Unset: booking is not set up.
   */
  booking: { onBehalfOf?: { clientId: string; clientSecret: string } };
  sweepIntervalMs: number;
  /** Deadlines at the edges: one Table Storage call (retries included), and reading one request body. */
  timeouts: { storageMs: number; requestBodyMs: number };
  /** Lesson events held while Table Storage is down; past this many, Teams is asked to send an event again later. */
  outageHeldEvents: number;
  appInsightsConnectionString?: string;
}

/** How Chaperone signs in to Microsoft Graph (app-only). */
export type GraphAuth =
  | {
      kind: 'managedIdentity';
      /** `AZURE_CLIENT_ID` of the user-assigned identity; unset: system-assigned. */ clientId?: string;
    }
  | { kind: 'clientSecret'; tenantId: string; clientId: string; clientSecret: string };

/** A configuration that cannot start the service; the message lists every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates configuration from environment variables; throws {@link ConfigError}. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Chaperone cannot start: fix these settings and start it again.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.BOT_ID) {
    // Without a bot id the Bot Framework endpoint would take unsigned requests: never in production.
    throw new ConfigError(
      'Chaperone cannot start: NODE_ENV is production but BOT_ID is not set. Set BOT_ID (and BOT_PASSWORD, or BOT_TYPE=UserAssignedMSI) so only Teams can post lesson events.',
    );
  }
  if (e.BOT_ID && e.BOT_TYPE === 'SingleTenant' && !e.BOT_TENANT_ID) {
    throw new ConfigError(
      'Chaperone cannot start: BOT_TYPE is SingleTenant but BOT_TENANT_ID is not set. Set BOT_TENANT_ID to the id of the tenant the bot is registered in.',
    );
  }
  if (e.BOT_ID && !e.BOT_PASSWORD && e.BOT_TYPE !== 'UserAssignedMSI') {
    throw new ConfigError(
      'Chaperone cannot start: BOT_ID is set but BOT_PASSWORD is missing (or set BOT_TYPE=UserAssignedMSI).',
    );
  }
  if (
    (e.GRAPH_CLIENT_ID || e.GRAPH_CLIENT_SECRET || e.GRAPH_TENANT_ID) &&
    !(e.GRAPH_CLIENT_ID && e.GRAPH_CLIENT_SECRET && e.GRAPH_TENANT_ID)
  ) {
    throw new ConfigError(
      'Chaperone cannot start: to sign in to Microsoft Graph with a client secret, set all of GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and GRAPH_TENANT_ID; or unset them to use the managed identity.',
    );
  }
  if (e.AAD_APP_CLIENT_SECRET && !e.AAD_APP_CLIENT_ID) {
    throw new ConfigError(
      'Chaperone cannot start: AAD_APP_CLIENT_SECRET is set but AAD_APP_CLIENT_ID is not. Set AAD_APP_CLIENT_ID to the tab app the secret belongs to, or unset the secret.',
    );
  }
  if (e.TEAMS_APP_ID && !isTeamsAppId(e.TEAMS_APP_ID)) {
    throw new ConfigError(
      'Chaperone cannot start: TEAMS_APP_ID is not a Teams app id (a GUID such as 3f2a...-...). Copy the app id from the Teams admin center, or unset it.',
    );
  }
  const tablePrefix = e.STORAGE_TABLE_PREFIX;
  return {
    port: e.PORT,
    host: e.HOST,
    production: Boolean(e.BOT_ID) || e.NODE_ENV === 'production',
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    teamsAppId: e.TEAMS_APP_ID,
    bot: {
      appId: e.BOT_ID,
      password: e.BOT_PASSWORD,
      tenantId: e.BOT_TENANT_ID,
      type: e.BOT_TYPE,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
    },
    storage: e.STORAGE_CONNECTION_STRING
      ? { kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING, tablePrefix }
      : e.STORAGE_ACCOUNT_URL
        ? {
            kind: 'accountUrl',
            accountUrl: e.STORAGE_ACCOUNT_URL,
            managedIdentityClientId: e.AZURE_CLIENT_ID,
            tablePrefix,
          }
        : { kind: 'localAzurite', tablePrefix },
    auth: {
      clientId: e.AAD_APP_CLIENT_ID,
      tenantId: e.AAD_APP_TENANT_ID,
      allowedTenants: [
        ...new Set(
          [e.AAD_APP_TENANT_ID ?? '', ...(e.AAD_APP_ALLOWED_TENANTS ?? '').split(',')]
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        ),
      ],
      authorityHost: e.AAD_AUTHORITY_HOST,
      jwksUri: e.AUTH_JWKS_URI,
      issuer: e.AUTH_ISSUER,
      tabDomain: e.TAB_DOMAIN,
    },
    policy: { preset: e.POLICY_PRESET, file: e.POLICY_FILE },
    directory: {
      staffFile: e.STAFF_DIRECTORY_FILE,
      staffGroupId: e.STAFF_GROUP_ID,
      staffGroupCacheMinutes: e.STAFF_GROUP_CACHE_MINUTES,
    },
    graph: {
      baseUrl: e.GRAPH_BASE_URL,
      enforceSettings: e.GRAPH_ENFORCE_SETTINGS,
      auth:
        e.GRAPH_CLIENT_ID && e.GRAPH_CLIENT_SECRET && e.GRAPH_TENANT_ID
          ? {
              kind: 'clientSecret',
              tenantId: e.GRAPH_TENANT_ID,
              clientId: e.GRAPH_CLIENT_ID,
              clientSecret: e.GRAPH_CLIENT_SECRET,
            }
          : { kind: 'managedIdentity', clientId: e.AZURE_CLIENT_ID },
    },
    booking:
      e.AAD_APP_CLIENT_ID && e.AAD_APP_CLIENT_SECRET
        ? { onBehalfOf: { clientId: e.AAD_APP_CLIENT_ID, clientSecret: e.AAD_APP_CLIENT_SECRET } }
        : {},
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    timeouts: { storageMs: e.STORAGE_TIMEOUT_MS, requestBodyMs: e.REQUEST_BODY_TIMEOUT_MS },
    outageHeldEvents: e.OUTAGE_HELD_EVENTS,
    appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
  };
}
