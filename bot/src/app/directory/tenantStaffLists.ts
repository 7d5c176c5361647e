/**
 * The staff file's lists, answered per tenant, so a person listed for one school never counts as
 * staff or DSL in another's lesson. Pure data: `loadStaffList.ts` reads the file.
 */

/** One school's lists, by Entra object id. */
export interface SchoolLists {
  staff: string[];
  dsl: string[];
  /** Deputy DSLs: told when no DSL has acknowledged a critical alert in time. */
  deputies?: string[];
  /** The senior leadership team: told when no deputy has acknowledged either. */
  slt?: string[];
  /** Optional display names for DSL alerts, by Entra object id. */
  names?: Record<string, string>;
}

/**
 * `STAFF_DIRECTORY_FILE` as data. The top-level lists are the school's own (its home tenant's);
 * `tenants` holds the lists of further schools of a trust, by tenant id (lower case).
 */
export interface StaffList extends SchoolLists {
  tenants?: Record<string, SchoolLists>;
}

/**
 * Which lists serve which tenant. The school's own settings (top-level lists, and with them the
 * staff group and the policy's DSL contacts) serve the home tenant only; a tenant with an entry
 * in `tenants` is served by that entry. With no home tenant configured (local mode) the school's
 * own settings serve every tenant that has no entry of its own.
 */
export class TenantStaffLists {
  private readonly home: string | undefined;

  /** `homeTenantId`: `AAD_APP_TENANT_ID`, the tenant the top-level lists belong to; unset in local mode. */
  constructor(
    private readonly list: StaffList | undefined,
    homeTenantId?: string,
  ) {
    this.home = homeTenantId?.toLowerCase();
  }

  /** Whether the school's own settings (top-level lists, staff group, policy DSL contacts) answer for this tenant. */
  servesSchoolSettings(tenantId: string): boolean {
    const tenant = tenantId.toLowerCase();
    return this.home ? tenant === this.home : !this.entryOf(tenant);
  }

  /** The lists that answer for this tenant, or undefined when the staff file has none for it. */
  listsFor(tenantId: string): SchoolLists | undefined {
    const tenant = tenantId.toLowerCase();
    const entry = this.entryOf(tenant);
    const own = this.list && this.servesSchoolSettings(tenant) ? this.list : undefined;
    if (!own || !entry) return own ?? entry;
    // A home tenant listed both ways: both count.
    return {
      staff: [...own.staff, ...entry.staff],
      dsl: [...own.dsl, ...entry.dsl],
      deputies: [...(own.deputies ?? []), ...(entry.deputies ?? [])],
      slt: [...(own.slt ?? []), ...(entry.slt ?? [])],
      names: { ...own.names, ...entry.names },
    };
  }

  private entryOf(tenant: string): SchoolLists | undefined {
    const tenants = this.list?.tenants;
    return tenants && Object.hasOwn(tenants, tenant) ? tenants[tenant] : undefined;
  }
}
