import type { Policy } from '../../domain/policy/schema.js';
import type { Role } from '../../domain/types.js';
import type { ParticipantDirectory, PersonLookup } from '../ports.js';
import type { StaffDetection, StaffGroupCheck } from './staffGroup.js';
import { TenantStaffLists, type StaffList } from './tenantStaffLists.js';

export type { SchoolLists, StaffList } from './tenantStaffLists.js';

/** Who hears of an unacknowledged critical alert after the DSLs, in order. */
export type EscalationStep = 'deputies' | 'slt';

/** Options for {@link SchoolDirectory}. */
export interface SchoolDirectoryOptions {
  /** `STAFF_DIRECTORY_FILE`: the school's own lists and, for a trust, further tenants' lists. */
  staffList?: StaffList;
  /**
   * `AAD_APP_TENANT_ID`: the school's own tenant, the only one the top-level staff lists, the staff
   * group and the policy's DSL contacts answer for. Unset (local mode): they answer for every
   * tenant without an entry of its own in the staff file.
   */
  homeTenantId?: string;
  /** The Entra staff group (`STAFF_GROUP_ID`), cached; see `cachedStaffGroup.ts`. Asked for the home tenant only. */
  staffGroup?: StaffGroupCheck;
  policyFor(tenantId: string): Policy;
  /**
   * Treat meeting presenters of the school's own tenant as staff. Off by default: many meetings let everyone present.
   */
  trustPresenters?: boolean;
}

/**
 * Decides who is staff, in order: a guest or anonymous participant is never staff; then the staff
 * list; then the Entra staff group (its stored answer when Microsoft Graph cannot be asked); then,
 * only when neither list nor group can say, the meeting organizer of the school's own tenant. Anyone
 * else is a pupil, and a person we cannot place at all is `unknown` (counted as a pupil). Each
 * answer is for the meeting's tenant only: another tenant's staff and DSLs never count (see
 * `tenantStaffLists.ts`), so an alert is never addressed across tenants.
 */
export class SchoolDirectory implements ParticipantDirectory {
  private readonly lists: TenantStaffLists;

  constructor(private readonly options: SchoolDirectoryOptions) {
    this.lists = new TenantStaffLists(options.staffList, options.homeTenantId);
  }

  /** Classifies one participant of a meeting in `person.tenantId`. */
  async classify(person: PersonLookup): Promise<Role> {
    if (person.userTenantId && person.userTenantId !== person.tenantId) return 'guest';
    const role = (person.meetingRole ?? '').toLowerCase();
    if (role === 'guest' || !person.aadObjectId) return person.aadObjectId ? 'guest' : 'unknown';
    const id = person.aadObjectId;
    const list = this.lists.listsFor(person.tenantId);
    if (list && [list.staff, list.dsl, list.deputies ?? [], list.slt ?? []].some((ids) => ids.includes(id)))
      return 'staff';
    const staffGroup = this.lists.servesSchoolSettings(person.tenantId) ? this.options.staffGroup : undefined;
    const group = staffGroup ? await staffGroup.lookup(person.tenantId, id) : undefined;
    if (group === 'staff') return 'staff';
    // The organizer rule stands in only where nothing else can say; never for a "not staff" answer.
    const noOtherSource = group === 'unknown' || (!list && !staffGroup);
    if (noOtherSource) {
      if (role === 'organizer') return 'staff';
      if (role === 'presenter' && this.options.trustPresenters) return 'staff';
    }
    return 'pupil';
  }

  /** Whether staff detection works as configured (always `ok` without a staff group). */
  health(): { staffDetection: StaffDetection } {
    return this.options.staffGroup?.health() ?? { staffDetection: 'ok' };
  }

  /** Whether the person is a DSL (staff list or the policy's DSL contacts). */
  async isDsl(tenantId: string, aadObjectId: string): Promise<boolean> {
    return (await this.listDsls(tenantId)).some((d) => d.aadObjectId === aadObjectId);
  }

  /** Who is told next when nobody has acknowledged a critical alert: the deputies, then the senior leadership team. */
  async listEscalation(tenantId: string, step: EscalationStep): Promise<Array<{ aadObjectId: string; name: string }>> {
    const list = this.lists.listsFor(tenantId);
    const names = list?.names ?? {};
    return [...new Set(list?.[step] ?? [])].map((id) => ({
      aadObjectId: id,
      name: names[id] ?? (step === 'deputies' ? 'Deputy DSL' : 'Senior leader'),
    }));
  }

  /** Every DSL of the tenant and of no other tenant, de-duplicated. */
  async listDsls(tenantId: string): Promise<Array<{ aadObjectId: string; name: string }>> {
    const contacts = this.lists.servesSchoolSettings(tenantId) ? this.options.policyFor(tenantId).dsl.contacts : [];
    const fromPolicy = contacts.map((c) => ({ aadObjectId: c.aadObjectId, name: c.name }));
    const list = this.lists.listsFor(tenantId);
    const names = list?.names ?? {};
    const fromList = (list?.dsl ?? []).map((id) => ({ aadObjectId: id, name: names[id] ?? 'DSL' }));
    const seen = new Set<string>();
    return [...fromPolicy, ...fromList].filter((d) => !seen.has(d.aadObjectId) && seen.add(d.aadObjectId));
  }
}
