/**
 * Offline validation of a Teams app manifest against the official JSON schema that ships inside
 * `@microsoft/app-manifest` (no network: the schema file is passed in, never fetched).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import { PackagingError } from './errors.js';

type ManifestSchema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

const packageMain = createRequire(import.meta.url).resolve('@microsoft/app-manifest');

/** Path of the shipped schema for `manifestVersion` (e.g. "1.30"). */
export function schemaPathFor(manifestVersion: string): string {
  return join(dirname(packageMain), 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

/** The newest `1.x` manifest schema version shipped in the installed package. */
export function newestShippedVersion(): string {
  const versions = readdirSync(join(dirname(packageMain), 'json-schemas', 'teams'))
    .map((name) => /^v1\.(\d+)$/.exec(name)?.[1])
    .filter((minor): minor is string => minor !== undefined)
    .map(Number);
  return `1.${Math.max(...versions)}`;
}

/**
 * Turns ajv's "<instancePath> <message>. Details: {...}" into "at <path> (manifest.json): <message>",
 * keeping the details only when they add something (e.g. the name of an unexpected property).
 */
function describe(error: string): string {
  const space = error.indexOf(' ');
  const path = space > 0 ? error.slice(0, space) : '';
  const [message = '', details = ''] = (space >= 0 ? error.slice(space + 1) : error).split('. Details: ');
  let extra = '';
  try {
    const values = Object.values(JSON.parse(details) as Record<string, unknown>).map((v) =>
      typeof v === 'string' ? v : JSON.stringify(v),
    );
    if (values.some((v) => !message.includes(v))) extra = ` (${details})`;
  } catch {
    extra = details ? ` (${details})` : '';
  }
  return `at ${path || '/'} (manifest.json): ${message}${extra}`;
}

/**
 * Validates `manifest` against the schema of its own `manifestVersion`. Throws a
 * {@link PackagingError} listing every schema error with the JSON path of the offending field.
 */
export async function validateManifest(manifest: unknown): Promise<void> {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string' || !existsSync(schemaPathFor(version))) {
    throw new PackagingError(
      `manifest.json has manifestVersion ${JSON.stringify(version)}, which has no schema in @microsoft/app-manifest: use "${newestShippedVersion()}".`,
    );
  }
  const schema = JSON.parse(readFileSync(schemaPathFor(version), 'utf8')) as ManifestSchema;
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest, schema);
  if (errors.length > 0) {
    throw new PackagingError(
      `manifest.json does not match the Teams app manifest schema v${version}: fix these fields and package again.`,
      errors.map(describe),
    );
  }
}
