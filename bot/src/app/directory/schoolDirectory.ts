import type { Policy } from '../../domain/policy/schema.js';
import type { Role } from '../../domain/types.js';
import type { ParticipantDirectory, PersonLookup } from '../ports.js';
import type { StaffDetection, StaffGroupCheck } from './staffGroup.js';

/** The school's staff list as data (from `STAFF_DIRECTORY_FILE` locally, or a cache of Entra). */
export interface StaffList {
  staff: string[];
  dsl: string[];
  /** Optional display names for DSL alerts, by Entra object id. */
  names?: Record<string, string>;
}

/** Options for {@link SchoolDirectory}. */
export interface SchoolDirectoryOptions {
  staffList?: StaffList;
  /** The Entra staff group (`STAFF_GROUP_ID`), cached; see `cachedStaffGroup.ts`. */
  staffGroup?: StaffGroupCheck;
  policyFor(tenantId: string): Policy;
  /** Treat meeting presenters of the school's own tenant as staff. Off by default: many meetings let everyone present. */
  trustPresenters?: boolean;
}

/**
 * Decides who is staff, in order: a guest or anonymous participant is never staff; then the staff
 * list; then the Entra staff group (its stored answer when Microsoft Graph cannot be asked); then,
 * only when neither list nor group can say, the meeting organizer of the school's own tenant. Anyone
 * else is a pupil, and a person we cannot place at all is `unknown` (counted as a pupil).
 */
export class SchoolDirectory implements ParticipantDirectory {
  constructor(private readonly options: SchoolDirectoryOptions) {}

  /** Classifies one participant of a meeting in `person.tenantId`. */
  async classify(person: PersonLookup): Promise<Role> {
    if (person.userTenantId && person.userTenantId !== person.tenantId) return 'guest';
    const role = (person.meetingRole ?? '').toLowerCase();
    if (role === 'guest' || !person.aadObjectId) return person.aadObjectId ? 'guest' : 'unknown';
    const id = person.aadObjectId;
    const list = this.options.staffList;
    if (list && (list.staff.includes(id) || list.dsl.includes(id))) return 'staff';
    const group = this.options.staffGroup ? await this.options.staffGroup.lookup(person.tenantId, id) : undefined;
    if (group === 'staff') return 'staff';
    // The organizer rule stands in only where nothing else can say; never for a "not staff" answer.
    const noOtherSource = group === 'unknown' || (!list && !this.options.staffGroup);
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

  /** Every DSL of the tenant, de-duplicated. */
  async listDsls(tenantId: string): Promise<Array<{ aadObjectId: string; name: string }>> {
    const fromPolicy = this.options.policyFor(tenantId).dsl.contacts.map((c) => ({ aadObjectId: c.aadObjectId, name: c.name }));
    const names = this.options.staffList?.names ?? {};
    const fromList = (this.options.staffList?.dsl ?? []).map((id) => ({ aadObjectId: id, name: names[id] ?? 'DSL' }));
    const seen = new Set<string>();
    return [...fromPolicy, ...fromList].filter((d) => !seen.has(d.aadObjectId) && seen.add(d.aadObjectId));
  }
}
