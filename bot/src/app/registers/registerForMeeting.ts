import type { Policy } from '../../domain/policy/schema.js';
import { buildRegister, type RegisterRow } from '../../domain/register.js';
import { PUPIL_CHECKS } from '../../domain/types.js';
import { can, type Viewer } from '../permissions.js';
import { toCsv } from '../csv.js';
import { done, refused, type Outcome } from '../concerns/outcome.js';
import { formatInZone } from '../time.js';
import type { Clock, MeetingStore } from '../ports.js';
import { checkCells, checkHeaders, PUPIL_CHECK_LABELS, pupilCheckViews } from '../sidePanel/pupilChecks.js';

/** What {@link registerForMeeting} needs. */
export interface RegisterDeps {
  meetings: Pick<MeetingStore, 'listMeetings'>;
  clock: Clock;
}

/** A lesson's register, ready for a card and a CSV file. */
export interface LessonRegister {
  title: string;
  startedAt?: number;
  rows: RegisterRow[];
  csv: string;
  filename: string;
}

/** How many of the teacher's recent lessons are searched by name. */
const RECENT = 20;
/**
 * The attendance register of a lesson the viewer organised (seed 001 #11 "keep a record of
 * attendance for each session"): `last` for their latest lesson, or words from its title.
 */
export async function registerForMeeting(
  deps: RegisterDeps,
  viewer: Viewer,
  which: string,
  policy: Pick<Policy, 'school'>,
): Promise<Outcome<LessonRegister>> {
  if (!can(viewer, 'readRegister')) return refused('Only school staff can see registers.');
  const wanted = which.trim().toLowerCase();
  if (!wanted)
    return refused('Say which lesson: "register last" for your latest one, or "register" and words from its title.');
  const lessons = await deps.meetings.listMeetings(viewer.tenantId, {
    organizerId: viewer.aadObjectId,
    limit: wanted === 'last' ? 1 : RECENT,
  });
  const lesson =
    wanted === 'last'
      ? lessons[0]
      : lessons.find((m) => m.meetingId === which.trim() || m.title.toLowerCase().includes(wanted));
  if (!lesson) {
    return refused(
      lessons.length || wanted !== 'last'
        ? `I can't find a recent lesson you organised matching "${which.slice(0, 60)}". Try "register last".`
        : 'I have no lessons on record that you organised. Registers appear once Chaperone has been in one of your lessons.',
    );
  }
  const rows = buildRegister(lesson, deps.clock.now());
  const zone = policy.school.timeZone;
  const when = (at?: number) => (at === undefined ? '' : formatInZone(at, zone));
  // Each check is yes, no or not yet, with who set it and when.
  const checks = (r: RegisterRow) => {
    const person = lesson.people[r.id];
    const views = person ? pupilCheckViews(lesson, person, PUPIL_CHECKS) : {};
    return PUPIL_CHECKS.flatMap((check) => checkCells(views[check], (at) => formatInZone(at, zone)));
  };
  const csv = toCsv([
    [
      'Name',
      'Role',
      `First joined (${zone})`,
      `Last left (${zone})`,
      'Minutes present',
      ...PUPIL_CHECKS.flatMap((c) => checkHeaders(PUPIL_CHECK_LABELS[c])),
      "Teacher's mark",
    ],
    ...rows.map((r) => [
      r.name,
      r.role,
      when(r.firstJoinAt),
      when(r.lastLeaveAt),
      r.minutesPresent,
      ...checks(r),
      r.mark ?? '',
    ]),
  ]);
  const date = lesson.startedAt === undefined ? 'undated' : formatInZone(lesson.startedAt, zone).slice(0, 10);
  return done({
    title: lesson.title,
    ...(lesson.startedAt === undefined ? {} : { startedAt: lesson.startedAt }),
    rows,
    csv,
    filename: `register-${date}.csv`,
  });
}
