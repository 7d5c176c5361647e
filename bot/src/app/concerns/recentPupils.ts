/**
 * The pupils a member of staff may pick on the concern form, so a worried teacher does not have
 * to remember how a name is spelt: the pupils of the lesson an alert card named, or else of the
 * most recent lesson they organised or attended as staff. Names only; staff are never offered.
 */
import { buildRegister } from '../../domain/register.js';
import type { MeetingState } from '../../domain/types.js';
import type { Clock, MeetingStore } from '../ports.js';
import { can, tookPart, type Viewer } from '../permissions.js';
import type { LessonLink } from './types.js';

/** What {@link recentPupils} needs; `load` is used when present, else the recent list is searched. */
export interface RecentPupilsDeps {
  meetings: Pick<MeetingStore, 'listMeetings'> & Partial<Pick<MeetingStore, 'load'>>;
  clock: Clock;
}

/** A lesson and the names of its pupils, sorted as on the register. */
export interface LessonPupils {
  lesson: LessonLink;
  pupils: string[];
}

/** How many of the school's latest lessons are searched for one the viewer attended. */
const RECENT = 20;

/**
 * The lesson `meetingId` names, only if it belongs to the viewer's school and the viewer may see who
 * was in it: a DSL, or staff who took part. A forged id reveals nothing of someone else's lesson.
 */
export async function lessonSeenBy(
  deps: RecentPupilsDeps,
  viewer: Viewer,
  meetingId: string,
): Promise<MeetingState | undefined> {
  if (!can(viewer, 'useStaffCommands') || !viewer.aadObjectId) return undefined;
  const state = deps.meetings.load
    ? (await deps.meetings.load({ tenantId: viewer.tenantId, meetingId }))?.state
    : (await deps.meetings.listMeetings(viewer.tenantId, { limit: RECENT })).find((m) => m.meetingId === meetingId);
  return state && can(viewer, 'seeLesson', state) ? state : undefined;
}

/** The viewer's latest lesson: the one they organised last, or a later one they attended. */
async function latestLesson(deps: RecentPupilsDeps, viewer: Viewer): Promise<MeetingState | undefined> {
  const [organised, recent] = await Promise.all([
    deps.meetings.listMeetings(viewer.tenantId, { organizerId: viewer.aadObjectId, limit: 1 }),
    deps.meetings.listMeetings(viewer.tenantId, { limit: RECENT }),
  ]);
  return [...organised, ...recent]
    .filter((m) => m.tenantId === viewer.tenantId && tookPart(m, viewer.aadObjectId))
    .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0];
}

/**
 * The pupils to offer on the form, or undefined for the plain form. Staff only and always within
 * the viewer's own tenant; a lesson named by a card is shown only to staff who took part in it
 * and to a DSL, so a forged card cannot reveal who was in someone else's lesson.
 */
export async function recentPupils(
  deps: RecentPupilsDeps,
  viewer: Viewer,
  meetingId?: string,
): Promise<LessonPupils | undefined> {
  if (!can(viewer, 'useStaffCommands') || !viewer.aadObjectId) return undefined;
  const state = meetingId ? await lessonSeenBy(deps, viewer, meetingId) : await latestLesson(deps, viewer);
  if (!state) return undefined;
  const names = buildRegister(state, deps.clock.now())
    .filter((row) => row.role === 'pupil')
    .map((row) => row.name.trim())
    .filter((name) => name.length > 0);
  const pupils = [...new Set(names)];
  return pupils.length ? { lesson: lessonLinkOf(state), pupils } : undefined;
}

/** How a concern names `state`'s lesson: its id (kept, never shown), title and start. */
export function lessonLinkOf(state: MeetingState): LessonLink {
  const startedAt = state.startedAt ?? state.scheduledStart;
  return {
    meetingId: state.meetingId,
    title: state.title || 'a lesson',
    ...(startedAt !== undefined ? { startedAt } : {}),
  };
}
