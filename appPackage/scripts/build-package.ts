/**
 * Builds the Teams app package for one environment: fill the manifest template from
 * `env/.env.<name>`, validate it offline against the official schema, check the icons, and zip
 * manifest.json and the icons at the root of `appPackage/build/appPackage.<name>.zip`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { readEnvFile } from './env-file.js';
import { PackagingError } from './errors.js';
import { readIcons } from './icons.js';
import { validateManifest } from './manifest-schema.js';
import { fillPlaceholders, findPlaceholders } from './placeholders.js';

const APP_PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where to read from and write to; every path defaults to this repository's layout. */
export interface BuildOptions {
  /** Environment name: reads `env/.env.<envName>`. Defaults to `local`. */
  envName?: string;
  /** Folder holding `manifest.json` and the icons. Defaults to `appPackage/`. */
  templateDir?: string;
  /** Folder holding the `.env.<name>` files. Defaults to `env/` beside `appPackage/`. */
  envDir?: string;
  /** Folder the zip is written to. Defaults to `appPackage/build/`. */
  outDir?: string;
}

/** What was built. */
export interface BuiltPackage {
  /** Absolute path of the zip written. */
  zipPath: string;
  /** The filled, schema-valid manifest. */
  manifest: Record<string, unknown>;
  /** Names of the files at the zip's root. */
  files: string[];
}

// A fixed timestamp keeps the zip byte-identical for identical inputs.
const ZIP_DATE = new Date('2020-01-01T00:00:00Z');

/** Fills, validates and zips the app package; throws {@link PackagingError} listing what to fix. */
export async function buildAppPackage(options: BuildOptions = {}): Promise<BuiltPackage> {
  const envName = options.envName ?? 'local';
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) {
    throw new PackagingError(
      `"${envName}" is not an environment name: use letters, digits, "-" or "_" (e.g. local, dev).`,
    );
  }
  const templateDir = options.templateDir ?? APP_PACKAGE_DIR;
  const envDir = options.envDir ?? join(APP_PACKAGE_DIR, '..', 'env');
  const outDir = options.outDir ?? join(APP_PACKAGE_DIR, 'build');

  const env = readEnvFile(join(envDir, `.env.${envName}`));
  const template = readFileSync(join(templateDir, 'manifest.json'), 'utf8');
  const filled = fillPlaceholders(template, env, 'manifest.json');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(filled) as Record<string, unknown>;
  } catch (error) {
    throw new PackagingError(
      `manifest.json is not valid JSON once filled (${(error as Error).message}): fix the template and package again.`,
    );
  }
  try {
    await validateManifest(manifest);
  } catch (error) {
    // Empty ids usually mean the environment was never provisioned: say so, not just "bad GUID".
    const empty = findPlaceholders(template).filter((name) => env.get(name) === '');
    if (!(error instanceof PackagingError) || empty.length === 0) throw error;
    throw new PackagingError(error.message.split('\n')[0] ?? '', [
      ...error.problems,
      `env/.env.${envName} leaves ${empty.join(', ')} empty: run \`teamsapp provision --env ${envName}\` first (it writes the ids), or fill them in`,
    ]);
  }
  const icons = readIcons(manifest, templateDir);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  for (const icon of icons) zip.file(icon.name, icon.bytes, { date: ZIP_DATE });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

  mkdirSync(outDir, { recursive: true });
  const zipPath = resolve(outDir, `appPackage.${envName}.zip`);
  writeFileSync(zipPath, bytes);
  return { zipPath, manifest, files: ['manifest.json', ...icons.map((icon) => icon.name)] };
}
