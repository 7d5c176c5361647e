import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { StaffList } from '../app/directory/schoolDirectory.js';

const schoolLists = z.object({
  staff: z.array(z.string().min(1)).default([]),
  dsl: z.array(z.string().min(1)).default([]),
  deputies: z.array(z.string().min(1)).optional(),
  slt: z.array(z.string().min(1)).optional(),
  names: z.record(z.string(), z.string()).optional(),
});

const staffFile = schoolLists
  .extend({
    tenants: z
      .record(z.guid(), schoolLists, {
        error: (issue) => (issue.code === 'invalid_key' ? 'must be a tenant id (a GUID)' : undefined),
      })
      .optional(),
  })
  .transform((file, ctx) => {
    if (!file.tenants) return file;
    // Tenant ids are kept in lower case, so any spelling finds its school.
    const tenants: Record<string, z.infer<typeof schoolLists>> = {};
    for (const [id, lists] of Object.entries(file.tenants)) {
      const key = id.toLowerCase();
      if (Object.hasOwn(tenants, key))
        ctx.addIssue({ code: 'custom', path: ['tenants', id], message: 'this tenant is listed twice' });
      tenants[key] = lists;
    }
    return { ...file, tenants };
  });

/**
 * Reads `STAFF_DIRECTORY_FILE`: `{ "staff": [oid...], "dsl": [oid...], "deputies"?: [oid...], "slt"?: [oid...],
 * "names"?: { oid: name } }`
 * for the school's own tenant, and optionally `"tenants": { "<tenant id>": { "staff", "dsl", "names" } }`
 * for further schools of a trust. Fails at boot with the reason.
 */
export function loadStaffList(file: string): StaffList {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `Could not read the staff directory ${file}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  const parsed = staffFile.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `The staff directory ${file} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
    );
  }
  return parsed.data;
}
