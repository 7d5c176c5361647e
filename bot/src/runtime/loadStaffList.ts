import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { StaffList } from '../app/directory/schoolDirectory.js';

const staffFile = z.object({
  staff: z.array(z.string().min(1)).default([]),
  dsl: z.array(z.string().min(1)).default([]),
  names: z.record(z.string(), z.string()).optional(),
});

/** Reads `STAFF_DIRECTORY_FILE` (`{ "staff": [oid...], "dsl": [oid...] }`); fails at boot with the reason. */
export function loadStaffList(file: string): StaffList {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read the staff directory ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const parsed = staffFile.safeParse(raw);
  if (!parsed.success) throw new Error(`The staff directory ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  return parsed.data;
}
