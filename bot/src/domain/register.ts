/**
 * The register for a lesson: who came, when, for how long, their checks and the teacher's mark.
 * Built from the meeting state; a teacher's mark corrects what the events say.
 */
import { isPresent, isStaff, presenceIntervals } from './presence.js';
import type { MeetingState, PersonRecord, PupilCheck, RegisterMark, Role } from './types.js';

/** One line of the register. */
export interface RegisterRow {
  id: string;
  name: string;
  role: Role;
  firstJoinAt?: number;
  lastLeaveAt?: number;
  /** Whole minutes in the meeting, all stays added up. */
  minutesPresent: number;
  presentNow: boolean;
  /** Per-pupil checks as recorded (yes / no); a check never recorded is absent. */
  checks: Partial<Record<PupilCheck, boolean>>;
  /** The teacher's correction, if any. */
  mark?: RegisterMark;
}

/**
 * Milliseconds a person was present; a stay still open counts to the end of the lesson (or `now` for a rejoin after
 * it).
 */
function presentMs(person: PersonRecord, endedAt: number | undefined, now: number): number {
  let total = 0;
  for (const stay of presenceIntervals(person)) {
    const until = stay.to ?? (endedAt !== undefined && stay.from < endedAt ? endedAt : now);
    total += Math.max(0, until - stay.from);
  }
  return total;
}

function rowOf(person: PersonRecord, state: MeetingState, now: number): RegisterRow {
  const checks: RegisterRow['checks'] = {};
  for (const [check, entry] of Object.entries(person.checks) as Array<[PupilCheck, { value: boolean } | undefined]>) {
    if (entry) checks[check] = entry.value;
  }
  const row: RegisterRow = {
    id: person.id,
    name: person.name,
    role: person.role,
    minutesPresent: Math.round(presentMs(person, state.endedAt, now) / 60_000),
    presentNow: isPresent(person),
    checks,
  };
  const firstJoin = person.marks.find((m) => m.type === 'join');
  // From the stays, not the raw marks: a meeting end that arrived before a pupil's own leave stays on as a mark but
  // closes nothing.
  const lastLeave = presenceIntervals(person).findLast((stay) => stay.to !== undefined)?.to;
  if (firstJoin) row.firstJoinAt = firstJoin.at;
  if (lastLeave !== undefined) row.lastLeaveAt = lastLeave;
  if (person.mark) row.mark = person.mark.mark;
  return row;
}

/** The register at `now`: staff first, then pupils, each group by name. */
export function buildRegister(state: MeetingState, now: number): RegisterRow[] {
  const byName = (a: RegisterRow, b: RegisterRow) =>
    a.name.localeCompare(b.name, 'en-GB') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const people = Object.values(state.people);
  const staff = people
    .filter(isStaff)
    .map((p) => rowOf(p, state, now))
    .sort(byName);
  const pupils = people
    .filter((p) => !isStaff(p))
    .map((p) => rowOf(p, state, now))
    .sort(byName);
  return [...staff, ...pupils];
}
