/**
 * Builds the `TableClient`s the stores use, for a connection string (Azurite or a real account)
 * or for an account URL with managed identity (production: no keys in config).
 */
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { callDeadlinePolicy, DEFAULT_STORAGE_TIMEOUT_MS } from './callDeadline.js';
import { guarded } from './errors.js';

/** The tables Chaperone keeps (DESIGN.md section 5). */
export const TABLE_NAMES = [
  'meetings',
  'timers',
  'conversations',
  'concerns',
  'directoryCache',
  'idempotency',
  'bookings',
] as const;
/** One of {@link TABLE_NAMES}. */
export type TableName = (typeof TABLE_NAMES)[number];

interface CommonStorageOptions {
  /** Prepended to every table name (letters and digits) so tests and environments do not share tables. */
  tablePrefix?: string;
  /** SDK client options, e.g. `retryOptions: { maxRetries: 1 }` where failing fast matters. */
  clientOptions?: TableServiceClientOptions;
  /**
   * Deadline of one storage call, retries included (default {@link DEFAULT_STORAGE_TIMEOUT_MS}); past it the call fails
   * as an outage.
   */
  timeoutMs?: number;
}

/** Where the tables live. */
export type StorageConnection =
  | (CommonStorageOptions & {
      /** A storage account or Azurite connection string. */
      connectionString: string;
    })
  | (CommonStorageOptions & {
      /** `https://<account>.table.core.windows.net` (or an http emulator URL). */
      accountUrl: string;
      /** Defaults to managed identity: the user-assigned one when `managedIdentityClientId` is set. */
      credential?: TokenCredential;
      managedIdentityClientId?: string;
    });

/** The tables, ready to use once {@link StorageTables.ensureTables} has run. */
export type StorageTables = Record<TableName, TableClient> & {
  /** Creates any missing table; safe to call from every instance at boot. */
  ensureTables(): Promise<void>;
};

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;

/** True when the connection string points at plain http (Azurite), which the SDK refuses by default. */
function isHttpConnectionString(connectionString: string): boolean {
  return /(^|;)\s*(TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true)/i.test(
    connectionString,
  );
}

function defaultCredential(clientId: string | undefined): TokenCredential {
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

/** The full table name for `name` under `prefix`; throws if the service would reject it. */
export function tableNameFor(name: TableName, prefix = ''): string {
  const full = `${prefix}${name}`;
  if (!TABLE_NAME.test(full)) {
    throw new Error(
      `Table name "${full}" is invalid: use a table prefix of letters and digits, starting with a letter, so names stay 3-63 characters.`,
    );
  }
  return full;
}

/** The client options with the call deadline added to any policies the caller brought. */
function withDeadline(options: TableServiceClientOptions | undefined, timeoutMs: number): TableServiceClientOptions {
  return { ...options, additionalPolicies: [...(options?.additionalPolicies ?? []), callDeadlinePolicy(timeoutMs)] };
}

/**
 * Pipeline policies every storage call would pass through for nothing: Chaperone registers no tracer
 * (spans per HTTP attempt), the Table service answers without redirects, sends no form bodies, and is
 * asked for uncompressed answers. Each costs an async step per call (about 5-10% of a call's CPU).
 */
export const UNNEEDED_POLICIES = [
  'tracingPolicy',
  'redirectPolicy',
  'formDataPolicy',
  'decompressResponsePolicy',
] as const;

/** Builds one client per Chaperone table from the connection settings. */
export function createStorageTables(connection: StorageConnection): StorageTables {
  let make: (tableName: string) => TableClient;
  const clientOptions = withDeadline(connection.clientOptions, connection.timeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS);
  if ('connectionString' in connection) {
    const options = { ...clientOptions, allowInsecureConnection: isHttpConnectionString(connection.connectionString) };
    make = (tableName) => TableClient.fromConnectionString(connection.connectionString, tableName, options);
  } else {
    // One credential for all tables, so tokens are fetched and cached once.
    const credential = connection.credential ?? defaultCredential(connection.managedIdentityClientId);
    const options = { ...clientOptions, allowInsecureConnection: connection.accountUrl.startsWith('http:') };
    make = (tableName) => new TableClient(connection.accountUrl, tableName, credential, options);
  }
  const clients = Object.fromEntries(
    TABLE_NAMES.map((name) => {
      const client = make(tableNameFor(name, connection.tablePrefix));
      for (const policy of UNNEEDED_POLICIES) client.pipeline.removePolicy({ name: policy });
      return [name, client];
    }),
  ) as Record<TableName, TableClient>;
  return {
    ...clients,
    async ensureTables() {
      // createTable already ignores "table exists" (409); other failures surface here at boot.
      await Promise.all(TABLE_NAMES.map((name) => guarded(`create table ${name}`, () => clients[name].createTable())));
    },
  };
}
