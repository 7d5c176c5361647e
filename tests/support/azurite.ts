import { randomBytes } from 'node:crypto';
import { startLocalAzurite, type LocalAzurite } from '../../bot/src/storage/localAzurite.js';

let shared: Promise<LocalAzurite> | undefined;

/**
 * One in-memory Azurite for the whole test run, started on first use and stopped by the root
 * hook in `hooks.ts`. Tests isolate themselves with {@link uniqueTableName}.
 */
export function sharedAzurite(): Promise<LocalAzurite> {
  shared ??= startLocalAzurite();
  return shared;
}

/** Stops the shared Azurite if a test started it. */
export async function stopSharedAzurite(): Promise<void> {
  if (!shared) return;
  const azurite = await shared;
  shared = undefined;
  await azurite.stop();
}

/** A table name no other test uses (3-63 alphanumerics, starting with a letter). */
export function uniqueTableName(prefix: string): string {
  return `${prefix.replace(/[^A-Za-z0-9]/g, '')}${randomBytes(5).toString('hex')}`.slice(0, 63);
}
