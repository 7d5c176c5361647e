/**
 * The staff group through Microsoft Graph: `POST /users/{id}/checkMemberGroups` with the staff
 * group's id (transitive: members of nested groups count), sent 20 people to a `$batch`.
 */
import type { GraphRequirement } from '../app/meetingControl/ports.js';
import type { StaffGroupMembership } from '../app/directory/staffGroup.js';
import { GraphRequestError } from '../app/meetingControl/ports.js';
import { sendBatch } from './graphBatch.js';
import type { GraphClient } from './graphClient.js';

/** What the admin grants for the staff group check (application permissions, admin consent). */
export const STAFF_GROUP_REQUIREMENT: GraphRequirement = {
  permission: 'User.Read.All and GroupMember.Read.All',
  adminSteps: [
    "grant the Microsoft Graph application permissions User.Read.All and GroupMember.Read.All to Chaperone's managed identity (admin guide, step 5).",
  ],
};

/** {@link StaffGroupMembership} for one Entra group, read with the app's own Graph sign-in. */
export class GraphStaffGroup implements StaffGroupMembership {
  constructor(
    private readonly client: GraphClient,
    /** `STAFF_GROUP_ID`: the object id of the group holding every member of staff. */
    private readonly groupId: string,
  ) {}

  async check(
    _tenantId: string,
    aadObjectIds: readonly string[],
  ): Promise<{ answers: Map<string, boolean>; failure?: Error }> {
    const results = await sendBatch<{ value?: unknown }>(
      this.client,
      aadObjectIds.map((id) => ({
        method: 'POST' as const,
        path: `/users/${encodeURIComponent(id)}/checkMemberGroups`,
        body: { groupIds: [this.groupId] },
        requires: STAFF_GROUP_REQUIREMENT,
        idempotent: true,
      })),
    );
    const answers = new Map<string, boolean>();
    let failure: Error | undefined;
    results.forEach((result, index) => {
      const id = aadObjectIds[index]!;
      // 404: no such user in this directory, so certainly not in its staff group.
      if (result instanceof GraphRequestError && result.status === 404) answers.set(id, false);
      else if (result instanceof Error) failure ??= result;
      else if (Array.isArray(result.body?.value)) answers.set(id, result.body.value.includes(this.groupId));
      else failure ??= new Error('Microsoft Graph answered checkMemberGroups without a list of groups.');
    });
    if (answers.size === 0 && failure) throw failure;
    return failure ? { answers, failure } : { answers };
  }
}
