/**
 * Reads the `env/.env.<name>` files the Teams Toolkit keeps: `NAME=value` lines, `#` comments,
 * optional `export `, values optionally in single or double quotes (double quotes understand
 * `\n`). Deliberately small: the toolkit's files use nothing more.
 */
import { readFileSync } from 'node:fs';
import { PackagingError } from './errors.js';

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

function unquote(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const end = value.indexOf(quote, 1);
    if (end > 0) {
      const inner = value.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\"/g, '"') : inner;
    }
  }
  // Unquoted: a ` #` starts a comment, as in dotenv.
  return value.replace(/\s+#.*$/, '').trim();
}

/**
 * Parses dotenv-style text into a map of names to values. A line that is neither blank, a
 * comment nor `NAME=value` is an error naming `source` and the line number.
 */
export function parseEnvFile(text: string, source = 'env file'): Map<string, string> {
  const values = new Map<string, string>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(trimmed);
    if (!match?.[1]) {
      problems.push(`${source} line ${index + 1} is not NAME=value: "${trimmed.slice(0, 40)}"`);
      return;
    }
    values.set(match[1], unquote(match[2] ?? ''));
  });
  if (problems.length > 0) throw new PackagingError(`Fix ${source} and package again.`, problems);
  return values;
}

/** Reads and parses one env file; a missing file is an error that says which file to create. */
export function readEnvFile(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PackagingError(
      `Cannot read ${path}: create it from the templates in env/ (see the admin guide) and package again.`,
    );
  }
  return parseEnvFile(text, path);
}
