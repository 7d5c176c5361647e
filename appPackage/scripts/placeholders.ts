/** The Teams Toolkit's `${{NAME}}` placeholders: find them, and fill them from an environment. */
import { PackagingError } from './errors.js';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every distinct placeholder name in `text`, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] ?? ''))];
}

/**
 * Replaces each `${{NAME}}` with its value from `env`. Values are inserted as JSON string content
 * (quotes and backslashes escaped) because the templates are JSON. Throws one error listing every
 * name `env` does not define; a name defined as empty is filled with nothing.
 */
export function fillPlaceholders(text: string, env: ReadonlyMap<string, string>, source = 'the template'): string {
  const missing = findPlaceholders(text).filter((name) => !env.has(name));
  if (missing.length > 0) {
    throw new PackagingError(
      `${source} needs values that the env file does not set: add them to env/.env.<name> and package again.`,
      missing.map((name) => `${name} is not set`),
    );
  }
  return text.replace(PLACEHOLDER, (_whole, name: string) => JSON.stringify(env.get(name) ?? '').slice(1, -1));
}
