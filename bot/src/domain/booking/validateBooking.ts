/**
 * The policy checks a lesson booking passes before anything is created. The numbers come from the
 * same policy fields the live rules use (school hours, notice, time limits, staffing), so a lesson
 * booked here raises no scheduling finding when it runs. Each problem is a sentence for the teacher
 * next to its field, with the school's rule in plain words.
 */
import { localTime } from '../localTime.js';
import type { Policy } from '../policy/schema.js';
import { inSchoolHours, schoolHours } from '../rules/schoolHours.js';
import type { BookingCheck, BookingFacts, BookingPlan, BookingRuleId, FieldProblem } from './bookingPlan.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Checks `plan` against `policy` at `now`; `facts` say who the people in it are. */
export function validateBooking(policy: Policy, plan: BookingPlan, now: number, facts: BookingFacts): BookingCheck {
  const notice = noticeProblems(policy, plan, now, facts);
  const problems = [
    ...notice.problems,
    ...hoursProblems(policy, plan),
    ...durationProblems(policy, plan),
    ...staffProblems(policy, plan, facts),
  ];
  return {
    problems,
    passed: problems.length ? [] : rulesChecked(policy, plan),
    ...(notice.overridden && !problems.length ? { noticeOverridden: notice.overridden } : {}),
  };
}

function problem(field: FieldProblem['field'], ruleId: BookingRuleId, message: string): FieldProblem {
  return { field, ruleId, message };
}

/** seed 001 #8: scheduled at least `minHoursAhead` ahead; a senior leader may book sooner with a reason. */
function noticeProblems(
  policy: Policy,
  plan: BookingPlan,
  now: number,
  facts: BookingFacts,
): { problems: FieldProblem[]; overridden?: { reason: string } } {
  if (plan.start <= now)
    return {
      problems: [
        problem('start', 'scheduled-ahead', 'This start time has already passed; choose a time later than now.'),
      ],
    };
  const hours = policy.scheduling.minHoursAhead;
  if (hours <= 0 || plan.start - now >= hours * HOUR) return { problems: [] };
  const rule = `The school books lessons at least ${hours} hours ahead, so parents can be told in time.`;
  if (!plan.noticeOverride) {
    const sltMay = facts.organizerIsSlt
      ? ' As a senior leader you can still book it if you say why it cannot wait.'
      : ' Choose a later start time.';
    return { problems: [problem('start', 'scheduled-ahead', `This lesson starts too soon. ${rule}${sltMay}`)] };
  }
  if (!facts.organizerIsSlt)
    return {
      problems: [
        problem('start', 'scheduled-ahead', `This lesson starts too soon. ${rule} Choose a later start time.`),
        problem(
          'noticeOverride',
          'scheduled-ahead',
          'Only a member of the senior leadership team can book a lesson at shorter notice; ask one of them, or choose a later start time.',
        ),
      ],
    };
  const reason = plan.noticeOverride.reason.trim();
  if (!reason)
    return {
      problems: [
        problem('noticeOverride', 'scheduled-ahead', `Say why this lesson cannot wait; the reason is kept. ${rule}`),
      ],
    };
  return { problems: [], overridden: { reason } };
}

/** seed 001 #3: the whole lesson inside school hours, on a school day. */
function hoursProblems(policy: Policy, plan: BookingPlan): FieldProblem[] {
  if (!policy.schoolHours.enabled) return [];
  const lastMoment = plan.start + plan.durationMinutes * MINUTE - 1;
  const zone = policy.school.timeZone;
  const sameDay =
    lastMoment - plan.start < DAY && localTime(lastMoment, zone).msOfDay >= localTime(plan.start, zone).msOfDay;
  if (inSchoolHours(policy, plan.start) && inSchoolHours(policy, lastMoment) && sameDay) return [];
  return [
    problem(
      'start',
      'school-hours',
      `This lesson would not start and finish within school hours. ${schoolHours.describe(policy)}`,
    ),
  ];
}

/** seed 004 lines 28-29: at most the lesson limit with pupils, the staff-meeting limit without. */
function durationProblems(policy: Policy, plan: BookingPlan): FieldProblem[] {
  if (!policy.duration.enabled) return [];
  const withPupils = plan.pupilCount > 0;
  const limit = withPupils ? policy.duration.pupilSessionMinutes : policy.duration.staffSessionMinutes;
  if (plan.durationMinutes <= limit) return [];
  const kind = withPupils ? 'Lessons with pupils' : 'Staff-only meetings';
  return [
    problem(
      'durationMinutes',
      'max-duration',
      `This lesson would last ${plan.durationMinutes} minutes. ${kind} last at most ${limit} minutes; choose a shorter time.`,
    ),
  ];
}

/** seed 000 #7, seed 003 line 4: enough staff with pupils; seed 003 line 3: never one adult with one pupil. */
function staffProblems(policy: Policy, plan: BookingPlan, facts: BookingFacts): FieldProblem[] {
  if (plan.pupilCount === 0) return [];
  const others = [...new Set(plan.otherStaffIds)].filter((id) => id !== facts.organizerId);
  const notStaff = others.filter((id) => facts.otherStaffRoles[id] !== 'staff');
  const problems = notStaff.length
    ? [
        problem(
          'otherStaff',
          'staff-pair',
          `${notStaff.length === 1 ? 'The person you chose is' : 'Some of the people you chose are'} not on the school's staff list. The second adult in a lesson must be a member of staff, never a pupil or a guest.`,
        ),
      ]
    : [];
  const staffCount = 1 + others.length - notStaff.length;
  const minimum = policy.staffing.minStaffWithPupils;
  if (staffCount < minimum) {
    const missing = minimum - staffCount;
    return [
      ...problems,
      problem(
        'otherStaff',
        'staff-pair',
        `Choose ${missing === 1 ? 'another member' : `${missing} more members`} of staff to join you. Whenever pupils are in a lesson, at least ${minimum} members of staff are in the call.`,
      ),
    ];
  }
  if (policy.staffing.forbidOneToOne && plan.pupilCount === 1 && staffCount === 1)
    return [
      ...problems,
      problem(
        'otherStaff',
        'no-one-to-one',
        'Invite another member of staff: a teacher is never alone on a call with one pupil.',
      ),
    ];
  return problems;
}

/** The rules the policy turns on that apply to this plan. */
function rulesChecked(policy: Policy, plan: BookingPlan): BookingRuleId[] {
  const withPupils = plan.pupilCount > 0;
  const checks: Array<[BookingRuleId, boolean]> = [
    ['scheduled-ahead', true],
    ['school-hours', policy.schoolHours.enabled],
    ['max-duration', policy.duration.enabled],
    ['staff-pair', withPupils && policy.staffing.minStaffWithPupils > 1],
    ['no-one-to-one', withPupils && policy.staffing.forbidOneToOne],
  ];
  return checks.filter(([, on]) => on).map(([id]) => id);
}
