/** The fake's Entra directory: users, nested groups and `checkMemberGroups`. */
import { error, type Json, type RecordedRequest, type ScriptedReply } from './fakeGraphWire.js';

/** Entra users and groups; a group's members are user or group ids (nested groups count, transitively). */
export interface FakeDirectory {
  users: Set<string>;
  groups: Map<string, string[]>;
}

/** Whether `memberId` is in `groupId`, directly or through nested groups. */
function isMember(directory: FakeDirectory, memberId: string, groupId: string, seen = new Set<string>()): boolean {
  if (seen.has(groupId)) return false;
  seen.add(groupId);
  const members = directory.groups.get(groupId) ?? [];
  return (
    members.includes(memberId) || members.some((m) => directory.groups.has(m) && isMember(directory, memberId, m, seen))
  );
}

/** `POST /users/{id}/checkMemberGroups` with at most 20 group ids: those the user is in. */
export function memberRoutes(
  directory: FakeDirectory,
  graphBaseUrl: string,
  req: RecordedRequest,
): ScriptedReply | undefined {
  const m = req.path.match(/^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/);
  if (!m || req.method !== 'POST') return undefined;
  const groupIds = (req.body as Json | undefined)?.groupIds;
  if (!Array.isArray(groupIds) || groupIds.length > 20) return error(400, 'Request_BadRequest');
  if (!directory.users.has(m[1]!)) return error(404, 'Request_ResourceNotFound');
  const value = groupIds.filter((g): g is string => typeof g === 'string' && isMember(directory, m[1]!, g));
  return { status: 200, body: { '@odata.context': `${graphBaseUrl}/$metadata#Collection(Edm.String)`, value } };
}
