/**
 * The process: start local Table Storage when no account is configured, and start the service
 * through the composition root. Called by `index.ts` with the configuration it read, once
 * telemetry is set up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type Config } from './config.js';
import { startService } from './compose/startService.js';
import { createLogger } from './runtime/logger.js';
import { loadPolicy } from './runtime/loadPolicy.js';
import { startLocalAzurite, type LocalAzurite } from './storage/localAzurite.js';
import type { StorageConnection } from './storage/tableClients.js';

async function storageFor(
  config: Config,
  fresh: boolean,
): Promise<{ connection: StorageConnection; azurite?: LocalAzurite }> {
  const s = config.storage;
  if (s.kind === 'connectionString')
    return { connection: { connectionString: s.connectionString, tablePrefix: s.tablePrefix } };
  if (s.kind === 'accountUrl')
    return {
      connection: {
        accountUrl: s.accountUrl,
        managedIdentityClientId: s.managedIdentityClientId,
        tablePrefix: s.tablePrefix,
      },
    };
  if (config.production)
    throw new ConfigError(
      'Chaperone cannot start: set STORAGE_ACCOUNT_URL (managed identity) or STORAGE_CONNECTION_STRING in production.',
    );
  const azurite = await startLocalAzurite(fresh ? {} : { location: join(config.dataDir, 'azurite') });
  return { connection: { connectionString: azurite.connectionString, tablePrefix: s.tablePrefix }, azurite };
}

/**
 * Runs the service until SIGINT or SIGTERM; `args` are the command line's (`--fresh`, `--policy <preset>`). With
 * `--fresh` nothing is read from or kept in the data folder: tables are in memory and events held during an outage
 * are journaled in a scratch folder removed at the end.
 */
export async function main(given: Config, args: string[]): Promise<void> {
  const fresh = args.includes('--fresh');
  const scratch = fresh ? mkdtempSync(join(tmpdir(), 'chaperone-fresh-')) : undefined;
  const config = scratch ? { ...given, dataDir: scratch } : given;
  const logger = createLogger(config.logLevel);
  const presetArg = args.indexOf('--policy');
  const policy = loadPolicy({
    preset: presetArg >= 0 ? (args[presetArg + 1] ?? config.policy.preset) : config.policy.preset,
    file: config.policy.file,
  });
  const { connection, azurite } = await storageFor(config, fresh);
  // Local mode: the simulator, its clock and its fake Graph calendar, loaded only then (devRoutes refuses a
  // production config too).
  const local = config.production ? undefined : await (await import('./dev/localMode.js')).startLocalMode(config);
  const service = await startService({ config, storage: connection, policy, logger, ...local?.options });
  logger.info(
    {
      url: service.url,
      mode: config.production ? 'production' : 'local (anonymous bot, simulator on)',
      preset: policy.preset,
    },
    'Chaperone is running',
  );
  const shutdown = async (): Promise<void> => {
    await service.stop();
    await local?.stop();
    await azurite?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
