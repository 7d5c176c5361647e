/**
 * Who may do what, in one place: every use case and every chat command asks here first. DSLs see
 * and triage all of their own school's concerns and may open any of its lessons; other staff see
 * the concerns they reported and the lessons they took part in; pupils, guests and people nobody
 * could identify nothing at all. A school's data is never another school's: every rule about a
 * concern or a lesson checks the tenant first.
 */
import type { Concern } from './concerns/types.js';
import type { TeamRole } from './directory/safeguardingTeam.js';
import type { MeetingState } from '../domain/types.js';

/** The person asking, as the directory classified them on this call. */
export interface Viewer {
  tenantId: string;
  aadObjectId: string;
  name: string;
  /** `dsl`: a Designated Safeguarding Lead; `staff`: any other member of staff; `none`: anyone else. */
  standing: 'dsl' | 'staff' | 'none';
  /** Their place on the school's safeguarding team (DSL, deputy, senior leader), where the caller asked. */
  team?: TeamRole;
}

/** A lesson as permissions see it. */
export type LessonSubject = Pick<MeetingState, 'tenantId' | 'people' | 'organizerId'>;

/** What a viewer may do with a concern. */
export type ConcernAbility = 'log' | 'listAll' | 'listOwn' | 'read' | 'triage' | 'export';
/** What a viewer may do that concerns no one thing: staff commands, DSL-only commands, registers, meeting checks. */
export type StaffAbility = 'useStaffCommands' | 'useDslCommands' | 'readRegister' | 'checkMeetingOptions';
/** What a viewer may do with a lesson: see who was in it (recent pupils, a concern's lesson). */
export type LessonAbility = 'seeLesson';
/** What the safeguarding team may do across the school: open the school view, take a critical alert. */
export type SchoolAbility = 'seeSchool' | 'takeAlert';

type Rule<S> = (viewer: Viewer, subject?: S) => boolean;

const isStaff = (v: Viewer) => v.standing !== 'none';
const isDsl = (v: Viewer) => v.standing === 'dsl';
const sameTenant = (v: Viewer, subject?: { tenantId: string }) => !subject || subject.tenantId === v.tenantId;
const isReporter = (v: Viewer, c?: Concern) => !!c && c.reporter.aadObjectId === v.aadObjectId;

const CONCERN_RULES: Record<ConcernAbility, Rule<Concern>> = {
  log: isStaff,
  listAll: isDsl,
  listOwn: isStaff,
  read: (v, c) => sameTenant(v, c) && (isDsl(v) || (v.standing === 'staff' && isReporter(v, c))),
  triage: (v, c) => sameTenant(v, c) && isDsl(v),
  export: (v, c) => sameTenant(v, c) && isDsl(v),
};

const STAFF_RULES: Record<StaffAbility, Rule<never>> = {
  useStaffCommands: isStaff,
  useDslCommands: isDsl,
  readRegister: isStaff,
  checkMeetingOptions: isStaff,
};

const onTeam = (v: Viewer) => v.team !== undefined;

const SCHOOL_RULES: Record<SchoolAbility, Rule<never>> = {
  seeSchool: onTeam,
  takeAlert: onTeam,
};

const LESSON_RULES: Record<LessonAbility, Rule<LessonSubject>> = {
  seeLesson: (v, l) =>
    !!l && isStaff(v) && !!v.aadObjectId && sameTenant(v, l) && (isDsl(v) || tookPart(l, v.aadObjectId)),
};

/** Whether `viewer` may do `ability` (to the concern or lesson it is about, where it is about one). */
export function can(viewer: Viewer, ability: ConcernAbility, concern?: Concern): boolean;
export function can(viewer: Viewer, ability: StaffAbility | SchoolAbility): boolean;
export function can(viewer: Viewer, ability: LessonAbility, lesson: LessonSubject): boolean;
export function can(
  viewer: Viewer,
  ability: ConcernAbility | StaffAbility | LessonAbility | SchoolAbility,
  subject?: Concern | LessonSubject,
): boolean {
  if (ability in CONCERN_RULES) return CONCERN_RULES[ability as ConcernAbility](viewer, subject as Concern | undefined);
  if (ability in LESSON_RULES)
    return LESSON_RULES[ability as LessonAbility](viewer, subject as LessonSubject | undefined);
  if (ability in SCHOOL_RULES) return SCHOOL_RULES[ability as SchoolAbility](viewer);
  return STAFF_RULES[ability as StaffAbility](viewer);
}

/** Whether the person organised the lesson or was in it as staff (seen by Teams as joining, never as a guest). */
export function tookPart(lesson: Pick<LessonSubject, 'people' | 'organizerId'>, aadObjectId: string): boolean {
  if (lesson.organizerId === aadObjectId) return true;
  const self = lesson.people[aadObjectId];
  return self !== undefined && self.role === 'staff' && !self.guestSeen && self.marks.some((m) => m.type === 'join');
}

/** What a person is told when they are not allowed: a sentence with the next step. */
export const REFUSALS = {
  notStaff:
    'Only school staff can use safeguarding concerns. If you are worried about a child, tell a member of staff you trust.',
  dslOnly:
    'Only the Designated Safeguarding Lead can do that. You can see the concerns you reported with "concerns"; ' +
    'to tell the DSL more about one, type "concern" to log a new one that mentions its reference, or speak to them.',
  /** Same words whether the concern does not exist or belongs to someone else, so nothing leaks. */
  notFound: (ref: string) =>
    `I can't find a concern ${ref} that you can see. Check the reference, or type "concerns" to list yours.`,
} as const;
