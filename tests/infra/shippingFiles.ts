/**
 * Reads the shipping files as text, the way the infra tests compare them: the settings
 * bot/src/config.ts reads (from its source, without importing service code), the README's
 * configuration table, the Bicep app settings, the ARM parameters and the env templates.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseEnvFile } from '../../appPackage/scripts/env-file.js';
import { envSchema } from '../../bot/src/configSchema.js';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** A repository file's text. */
export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** One action of teamsapp.yml. */
export interface Step {
  uses: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}

/** The actions of one teamsapp.yml stage, in order. */
export function stageSteps(stage: 'provision' | 'deploy' | 'publish'): Step[] {
  return (parse(read('teamsapp.yml')) as Record<string, Step[] | undefined>)[stage] ?? [];
}

/** The environment variables config.ts reads (the keys of its zod schema, bot/src/configSchema.ts). */
export function configSettings(): string[] {
  return Object.keys(envSchema.shape);
}

/** Variable names in the first column of the table under the README's "## Configuration". */
export function readmeSettings(): string[] {
  const readme = read('README.md');
  const start = readme.indexOf('\n## Configuration\n');
  const end = readme.indexOf('\n#', start + 1);
  const rows = readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) =>
    Array.from((row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g), (m) => m[1] ?? ''),
  );
}

/** Each app setting the Bicep gives the Web App: name to the Bicep expression of its value. */
export function bicepAppSettings(): Map<string, string> {
  const bicep = read('infra/azure.bicep');
  return new Map(
    Array.from(bicep.matchAll(/\{\s*name:\s*'([A-Z][A-Z0-9_]*)',\s*value:\s*([^}]+?)\s*\}/g), (m) => [
      m[1] ?? '',
      m[2] ?? '',
    ]),
  );
}

/** Settings the Bicep's comment lists as deliberately absent in production (the `// - NAME, NAME: why` lines). */
export function bicepDeliberatelyAbsent(): string[] {
  const comment =
    /\/\/ Every setting bot\/src\/config\.ts reads in production[^\n]*\n((?:\/\/[^\n]*\n)+)/.exec(
      read('infra/azure.bicep'),
    )?.[1] ?? '';
  const items = comment
    .split('\n')
    .filter((line) => line.startsWith('// - '))
    .map((line) => line.slice('// - '.length).split(':')[0] ?? '');
  return items.flatMap((names) => Array.from(names.matchAll(/\b[A-Z][A-Z0-9_]+\b/g), (m) => m[0]));
}

/** The values infra/azure.parameters.json gives each Bicep parameter. */
export function armParameters(): Map<string, unknown> {
  const { parameters } = JSON.parse(read('infra/azure.parameters.json')) as {
    parameters: Record<string, { value: unknown }>;
  };
  return new Map(Object.entries(parameters).map(([name, { value }]) => [name, value]));
}

/** Every env template in env/ (`.env.<name>` and `.env.<name>.user.example`): file name to its values. */
export function envTemplates(): Map<string, Map<string, string>> {
  const templates = new Map<string, Map<string, string>>();
  for (const name of readdirSync(join(ROOT, 'env'))) {
    if (!name.startsWith('.env.') || name.endsWith('.user')) continue;
    templates.set(name, parseEnvFile(read(`env/${name}`), name));
  }
  return templates;
}

/**
 * The environments an admin provisions with the toolkit (every `.env.<name>` but `local`, which
 * only feeds `npm run package`), each with its secrets example merged in as the admin copies it.
 */
export function deployableEnvironments(): Map<string, Map<string, string>> {
  const templates = envTemplates();
  const environments = new Map<string, Map<string, string>>();
  for (const [file, values] of templates) {
    const name = /^\.env\.([A-Za-z0-9_-]+)$/.exec(file)?.[1];
    if (!name || name === 'local') continue;
    environments.set(name, new Map([...(templates.get(`${file}.user.example`) ?? []), ...values]));
  }
  return environments;
}
