/** The environment variables Chaperone reads, as one zod schema (`config.ts` turns them into `Config`). */
import { z } from 'zod';
import { DEFAULT_HELD_EVENTS } from './app/lesson/outageBuffer.js';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const optionalString = z.string().trim().min(1).optional().catch(undefined);

/** Environment variables the service reads, validated once at boot. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('127.0.0.1'),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BOT_ID: optionalString,
  BOT_PASSWORD: optionalString,
  BOT_TENANT_ID: optionalString,
  TEAMS_APP_ID: optionalString,
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  BOT_OPENID_METADATA_URL: z.string().url().optional(),
  STORAGE_CONNECTION_STRING: optionalString,
  STORAGE_ACCOUNT_URL: optionalString,
  STORAGE_TABLE_PREFIX: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'must be letters and digits, starting with a letter')
    .optional(),
  AZURE_CLIENT_ID: optionalString,
  AAD_APP_CLIENT_ID: optionalString,
  AAD_APP_CLIENT_SECRET: optionalString,
  AAD_APP_TENANT_ID: optionalString,
  AAD_APP_ALLOWED_TENANTS: optionalString,
  AAD_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  AUTH_JWKS_URI: z.string().url().optional(),
  AUTH_ISSUER: optionalString,
  TAB_DOMAIN: optionalString,
  POLICY_PRESET: z.string().default('strict'),
  POLICY_FILE: optionalString,
  STAFF_DIRECTORY_FILE: optionalString,
  STAFF_GROUP_ID: optionalString,
  STAFF_GROUP_CACHE_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  GRAPH_CLIENT_ID: optionalString,
  GRAPH_CLIENT_SECRET: optionalString,
  GRAPH_TENANT_ID: optionalString,
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
  GRAPH_ENFORCE_SETTINGS: bool.default(false),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  STORAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  OUTAGE_HELD_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_HELD_EVENTS),
  REQUEST_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
  DATA_DIR: z.string().default('.data'),
});
