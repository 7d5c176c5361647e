/**
 * Ports for the Entra staff group (`STAFF_GROUP_ID`): who asks the directory (Graph adapter in
 * `bot/src/graph/`), where answers are kept between lookups (Table adapter in `bot/src/storage/`),
 * and what the participant directory gets back. Nothing here imports an SDK.
 */

/** One person's answer: in the staff group, not in it, or `unknown` when the directory could not say. */
export type StaffAnswer = 'staff' | 'notStaff' | 'unknown';

/** Whether staff detection works as configured; `degraded: <reason>` when the group cannot be asked. */
export type StaffDetection = 'ok' | `degraded: ${string}`;

/** What the participant directory needs from the staff group. */
export interface StaffGroupCheck {
  /** The person's answer; never rejects (a failure is `unknown`, or a stored answer if there is one). */
  lookup(tenantId: string, aadObjectId: string): Promise<StaffAnswer>;
  /** The current state, for `/healthz` and the side panel. */
  health(): { staffDetection: StaffDetection };
}

/** Asks the tenant's directory which people are (transitively) in the staff group. */
export interface StaffGroupMembership {
  /**
   * Answers what the directory said, by person id. When some could not be asked, `failure` says why
   * and those ids are missing from `answers`. Rejects when none could be asked.
   */
  check(tenantId: string, aadObjectIds: readonly string[]): Promise<{ answers: Map<string, boolean>; failure?: Error }>;
}

/** One stored answer; `checkedAt` is epoch ms. */
export interface StoredStaffAnswer {
  staff: boolean;
  checkedAt: number;
}

/** Answers kept between lookups and across instances (the `directoryCache` table). */
export interface StaffAnswerStore {
  /** The stored answers for these people, fresh or not; a person never asked is absent. */
  get(tenantId: string, aadObjectIds: readonly string[]): Promise<Map<string, StoredStaffAnswer>>;
  put(tenantId: string, answers: ReadonlyMap<string, StoredStaffAnswer>): Promise<void>;
}
