import type { Policy } from '../../domain/policy/schema.js';
import { isStaff, presentPeople, presentSince, pupilsPresent, staffPresent } from '../../domain/presence.js';
import { buildRegister } from '../../domain/register.js';
import { hadPupils, minutes, sessionStartAt } from '../../domain/session.js';
import { PUPIL_CHECKS, type MeetingState, type PupilCheck } from '../../domain/types.js';
import type { MeetingRecord } from '../ports.js';
import { CHECKLIST_LABELS, requiredChecklist } from './checklist.js';
import { pupilCheckDefinitions, pupilCheckViews } from './pupilChecks.js';
import { openAlerts } from './alertViews.js';
import { displayName, nameOf, stampOf } from './stamp.js';
import { guestNote, presentByRole, shownRole } from './whoIsIn.js';
import type { ChecklistView, RegisterRowView, StatusView, TimelineEntry } from './statusView.js';

/** How many presence changes the panel shows. */
const TIMELINE_LENGTH = 30;

/**
 * The side panel's view of a lesson at `now`: timer against the policy's limit, who is in, open
 * findings (raised ones first, most severe first), the checklist the policy asks for and the
 * register. Pure: the same record, policy and time always give the same view.
 */
export function buildStatusView(record: MeetingRecord, policy: Policy, now: number): StatusView {
  const { state } = record;
  const startedAt = sessionStartAt(state);
  const pupilSession = hadPupils(state);
  const limitMinutes = pupilSession ? policy.duration.pupilSessionMinutes : policy.duration.staffSessionMinutes;
  const until = state.endedAt ?? now;
  const elapsedMs = startedAt === undefined ? undefined : Math.max(0, until - startedAt);
  // An ended lesson has no countdown: the panel says when it ended instead.
  const remainingMs =
    elapsedMs === undefined || state.endedAt !== undefined ? undefined : minutes(limitMinutes) - elapsedMs;
  const pupilsNow = pupilsPresent(state).length;
  const warnAt = Math.max(0, ...policy.duration.countdownMinutes);
  const live = state.endedAt === undefined && presentPeople(state).length > 0;
  const pupilChecks = PUPIL_CHECKS.filter((check) => policy.pupilChecks[check]);
  return {
    meetingId: state.meetingId,
    title: state.title,
    meetingType: state.meetingType,
    now,
    startedAt,
    endedAt: state.endedAt,
    timer: {
      kind: pupilSession ? 'lesson' : 'staffOnly',
      limitMinutes,
      enabled: policy.duration.enabled,
      elapsedMs,
      remainingMs,
      countdownMinutes: policy.duration.countdownMinutes,
    },
    staff: { present: staffPresent(state).length, required: policy.staffing.minStaffWithPupils },
    pupilsPresent: pupilsNow,
    presentByRole: presentByRole(state),
    guestNote: guestNote(policy),
    people: presentPeople(state).map((p) => ({
      id: p.id,
      name: displayName(p),
      role: shownRole(p),
      since: presentSince(p),
    })),
    timeline: timeline(state),
    findings: openAlerts(record),
    checklist: checklist(state, policy),
    pupilChecks: pupilCheckDefinitions(pupilChecks),
    register: register(state, now, pupilChecks),
    roster: { checkedAt: state.rosterCheckedAt, lastEventAt: state.lastEventAt },
    breaches: state.breaches.map((b) => ({ at: b.at, byName: nameOf(state, b.by) })),
    // Near or past the limit, or the pupils have gone: time to end the meeting for everyone.
    endReminder:
      live &&
      ((policy.duration.enabled && remainingMs !== undefined && remainingMs <= minutes(warnAt)) ||
        (pupilSession && pupilsNow === 0)),
    school: { name: policy.school.name, timeZone: policy.school.timeZone },
    ...(policy.dsl.phone ? { dslPhone: policy.dsl.phone } : {}),
  };
}

function timeline(state: MeetingState): TimelineEntry[] {
  const entries = Object.values(state.people).flatMap((p) =>
    p.marks.map((m) => ({
      at: m.at,
      personId: p.id,
      name: displayName(p),
      role: shownRole(p),
      type: m.type,
      eventId: m.eventId,
    })),
  );
  entries.sort((a, b) => b.at - a.at || (a.eventId < b.eventId ? 1 : -1));
  return entries.slice(0, TIMELINE_LENGTH).map(({ eventId: _eventId, ...entry }) => entry);
}

function checklist(state: MeetingState, policy: Policy): ChecklistView[] {
  return requiredChecklist(policy).map((item) => {
    const tick = state.checklist[item];
    return {
      item,
      label: CHECKLIST_LABELS[item],
      ticked: tick?.ticked === true,
      stamp: tick ? stampOf(state, tick) : undefined,
    };
  });
}

/**
 * Pupils (and guests, and people not yet identified) from the domain's register, with each check's state and stamps.
 */
function register(state: MeetingState, now: number, pupilChecks: PupilCheck[]): RegisterRowView[] {
  return buildRegister(state, now).flatMap((row) => {
    const person = state.people[row.id];
    if (!person || isStaff(person)) return [];
    const checks = pupilCheckViews(state, person, pupilChecks);
    return [
      {
        ...row,
        role: shownRole(person),
        name: displayName(person),
        markStamp: person.mark ? stampOf(state, person.mark) : undefined,
        checks,
      },
    ];
  });
}
