/** Checks the two icons a Teams app must have, at the sizes Teams requires. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackagingError } from './errors.js';
import { readPngSize } from './png.js';

/** The icon slots of a manifest and the square size Teams requires for each. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** One file to put at the root of the app package. */
export interface PackageFile {
  name: string;
  bytes: Buffer;
}

/**
 * Reads the icons named in `manifest.icons` from `dir` and checks each is a PNG of the required
 * size. Throws one {@link PackagingError} listing every icon that is missing, not a PNG or the
 * wrong size.
 */
export function readIcons(manifest: { icons?: { color?: unknown; outline?: unknown } }, dir: string): PackageFile[] {
  const files: PackageFile[] = [];
  const problems: string[] = [];
  for (const [slot, size] of Object.entries(ICON_SIZES)) {
    const name = manifest.icons?.[slot as keyof typeof ICON_SIZES];
    if (typeof name !== 'string' || name.includes('/') || name.includes('\\')) {
      problems.push(`icons.${slot} must name a PNG file next to manifest.json`);
      continue;
    }
    try {
      const bytes = readFileSync(join(dir, name));
      const actual = readPngSize(bytes, `icons.${slot} (${name})`);
      if (actual.width !== size || actual.height !== size) {
        problems.push(`icons.${slot} (${name}) is ${actual.width}x${actual.height}; Teams needs ${size}x${size}`);
      }
      files.push({ name, bytes });
    } catch (error) {
      problems.push(
        error instanceof Error && !('code' in error) ? error.message : `icons.${slot}: cannot read ${name}`,
      );
    }
  }
  if (problems.length > 0)
    throw new PackagingError('The app icons are not right: fix them and package again.', problems);
  return files;
}
