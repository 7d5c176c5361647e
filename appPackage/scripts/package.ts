/**
 * `npm run package [-- --env <name>]`: builds `appPackage/build/appPackage.<name>.zip` from
 * `env/.env.<name>` (default `local`). Exits non-zero with every problem listed when it cannot.
 */
import { relative } from 'node:path';
import { buildAppPackage } from './build-package.js';

/** Reads `--env <name>` or `--env=<name>` from the command line. */
function envNameFromArgs(args: readonly string[]): string {
  const index = args.findIndex((arg) => arg === '--env' || arg.startsWith('--env='));
  if (index < 0) return 'local';
  const arg = args[index] ?? '';
  return arg.includes('=') ? arg.slice('--env='.length) : (args[index + 1] ?? '');
}

try {
  const built = await buildAppPackage({ envName: envNameFromArgs(process.argv.slice(2)) });
  console.log(
    `Built ${relative(process.cwd(), built.zipPath)} (${built.files.join(', ')}): schema-valid, icons checked.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
