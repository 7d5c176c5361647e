/**
 * The fake's online meetings: find by join URL, read and PATCH one (only through its organizer's
 * user path), and attendance reports with their records.
 */
import { error, type Json, type RecordedRequest, type ScriptedReply } from './fakeGraph.js';

/** onlineMeeting objects by id, each with the organizer user id allowed to read it. */
export type FakeMeetings = Map<string, { organizerId: string; meeting: Json }>;

/**
 * What the tenant admin has granted the app for online meetings: the application permission
 * (`OnlineMeetings.ReadWrite.All`) and the users an application access policy is granted to.
 */
export interface FakeMeetingAccess {
  permission: boolean;
  accessPolicyFor: 'everyone' | Set<string>;
}

/** Everything granted, as after the admin guide's step 5. */
export function fullMeetingAccess(): FakeMeetingAccess {
  return { permission: true, accessPolicyFor: 'everyone' };
}

/**
 * Graph's refusals as tenants see them: without the app role a bare 403 `Forbidden` (empty message);
 * without an access policy for the user in the path, 403 `General` "No application access policy
 * found for this app." (the wording Graph answers; its documentation shows the same message).
 */
function refusal(access: FakeMeetingAccess, userId: string, needsPermission: boolean): ScriptedReply | undefined {
  if (needsPermission && !access.permission)
    return { status: 403, body: { error: { code: 'Forbidden', message: '' } } };
  if (access.accessPolicyFor !== 'everyone' && !access.accessPolicyFor.has(userId)) {
    return {
      status: 403,
      body: { error: { code: 'General', message: 'No application access policy found for this app.' } },
    };
  }
  return undefined;
}

/** `GET /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '...'`, `GET` and `PATCH /users/{id}/onlineMeetings/{id}`. */
export function meetingRoutes(
  meetings: FakeMeetings,
  access: FakeMeetingAccess,
  req: RecordedRequest,
): ScriptedReply | undefined {
  const user = req.path.match(/^\/v1\.0\/users\/([^/]+)\/onlineMeetings(?:\/[^/]+)?$/)?.[1];
  const refused = user === undefined ? undefined : refusal(access, user, true);
  if (refused) return refused;
  const list = req.path.match(/^\/v1\.0\/users\/([^/]+)\/onlineMeetings$/);
  if (list && req.method === 'GET') {
    const url = req.query.$filter?.match(/^JoinWebUrl eq '(.*)'$/)?.[1]?.replace(/''/g, "'");
    const found = [...meetings.values()].filter((m) => m.organizerId === list[1] && m.meeting.joinWebUrl === url);
    return { status: 200, body: { value: found.map((m) => m.meeting) } };
  }
  const one = req.path.match(/^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/([^/]+)$/);
  const entry = one ? meetings.get(one[2]!) : undefined;
  if (!one || !entry || entry.organizerId !== one[1]) return undefined;
  if (req.method === 'GET') return { status: 200, body: entry.meeting };
  if (req.method !== 'PATCH') return undefined;
  const patch = req.body as Json;
  const participants = patch.participants
    ? { ...(entry.meeting.participants as Json), ...(patch.participants as Json) }
    : entry.meeting.participants;
  entry.meeting = { ...entry.meeting, ...patch, participants };
  return { status: 200, body: entry.meeting };
}

/** `GET .../attendanceReports` (without records) and `.../attendanceReports/{id}` (records with `$expand`). */
export function reportRoutes(
  reports: Map<string, Json[]>,
  access: FakeMeetingAccess,
  req: RecordedRequest,
): ScriptedReply | undefined {
  const m = req.path.match(/^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/([^/]+)\/attendanceReports(?:\/([^/]+))?$/);
  if (!m || req.method !== 'GET') return undefined;
  // Reports need OnlineMeetingArtifact.Read.All, which the fake does not take away; the access policy governs them too.
  const refused = refusal(access, m[1]!, false);
  if (refused) return refused;
  const all = reports.get(m[2]!) ?? [];
  const bare = ({ attendanceRecords: _records, ...report }: Json) => report;
  if (!m[3]) return { status: 200, body: { value: all.map(bare) } };
  const report = all.find((r) => r.id === m[3]);
  if (!report) return error(404, 'NotFound');
  return { status: 200, body: req.query.$expand === 'attendanceRecords' ? report : bare(report) };
}
