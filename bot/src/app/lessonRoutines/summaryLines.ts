/**
 * Pure: the part of the end-of-lesson summary that says what went wrong. Every serious alert the
 * lesson raised is listed, open or since cleared, with when and for how long, whether Teams took
 * the DSL's copy, who said they were dealing with it, and what to do now; then the warnings that
 * matter. A lesson with a serious alert is never summed up as needing no action.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { firstJoinAt, isStaff, presenceIntervals } from '../../domain/presence.js';
import { hadPupils, minutes } from '../../domain/session.js';
import { PUPIL_CHECKS, type MeetingState, type PersonRecord } from '../../domain/types.js';
import type { LessonBook } from '../ports.js';
import { lessonRaises, type LessonRaise } from './lessonRaises.js';
import type { LessonClosing } from './lessonSummary.js';
import { CHECK_RULES, checkLine, checklistNeverTicked, subjectOf, whatHappened } from './summaryWords.js';
import { pupilCheckState } from '../../domain/rules/pupilCheck.js';

const ALL_WELL =
  'Nothing went wrong in this lesson: no safeguarding alert was raised, every check was recorded and the meeting ended for everyone.';

/** What went wrong, as card lines, and how many serious problems need following up. */
export interface FindingsSection {
  lines: string[];
  serious: number;
}

/** Formats an instant as the school's wall-clock time ("09:05 GMT"). */
export type TimeOfDay = (at: number) => string;

/** The summary's account of what went wrong in the lesson (or that nothing did). */
export function findingsSection(
  record: Pick<LessonBook, 'state' | 'alerts' | 'deliveries'>,
  policy: Policy,
  closing: LessonClosing,
  now: number,
  time: TimeOfDay,
): FindingsSection {
  const raises = lessonRaises(record);
  const serious = raises.filter((r) => r.severity === 'critical');
  const warnings = warningLines(raises, record.state, policy, closing, time);
  if (!serious.length && !warnings.length) {
    return { lines: [ALL_WELL], serious: 0 };
  }
  const lines: string[] = [];
  if (serious.length) {
    const problems =
      serious.length === 1 ? 'a serious safeguarding problem' : `${serious.length} serious safeguarding problems`;
    lines.push(`This lesson had ${problems}. Follow up each one today:`);
    for (const raise of serious) lines.push(...seriousLines(raise, record.state, policy, now, time));
  }
  if (warnings.length) {
    lines.push(
      serious.length ? 'Also in this lesson:' : 'No serious safeguarding alert was raised, but these need looking at:',
    );
    lines.push(...warnings);
  }
  return { lines, serious: serious.length };
}

function seriousLines(raise: LessonRaise, state: MeetingState, policy: Policy, now: number, time: TimeOfDay): string[] {
  const told = [dslText(raise, time)];
  if (raise.escalatedTo.length) {
    const who = raise.escalatedTo.map((r) => (r === 'deputy' ? 'the deputy DSLs' : 'the senior leaders')).join(' and ');
    told.push(`Nobody took it in time, so it also went to ${who}.`);
  }
  if (raise.dsl.state === 'sent') {
    const ack = raise.acknowledged;
    told.push(
      ack ? `${ack.name} said they were dealing with it at ${time(ack.at)}.` : 'Nobody said they were dealing with it.',
    );
  }
  return [
    `• ${whatHappened(raise)}, ${span(raise, state, now, time)}.`,
    told.join(' '),
    `What to do now: ${actionFor(raise, policy)}`,
  ];
}

function dslText(raise: LessonRaise, time: TimeOfDay): string {
  const copies = raise.dsl;
  switch (copies.state) {
    case 'sent':
      return copies.reached < copies.of
        ? `The DSL copy reached ${copies.reached} of ${copies.of} DSLs, first at ${time(copies.sentAt)}.`
        : `The DSL copy was delivered at ${time(copies.sentAt)}.`;
    case 'waiting':
      return 'The DSL copy has not been delivered yet; Chaperone is still trying.';
    case 'failed':
      return 'The DSL copy could not be delivered.';
    case 'withdrawn':
      return 'No copy went to the DSL: it was over before the alert could be sent.';
    case 'none':
      return 'No copy went to a DSL.';
  }
}

/** The follow-up with the DSL; for an alert still open, what staff were told to do about it comes first. */
function actionFor(raise: LessonRaise, policy: Policy): string {
  const subject = subjectOf(raise.ruleId);
  const followUp =
    raise.dsl.state !== 'sent'
      ? `Tell the DSL about ${subject} yourself today${policy.dsl.phone ? ` (phone ${policy.dsl.phone})` : ''}.`
      : `Check ${subject} with ${raise.acknowledged ? raise.acknowledged.name : 'the DSL'} today.`;
  return raise.open && raise.action ? `${raise.action} Then: ${followUp}` : followUp;
}

/** When a raise started and how long it lasted, as far as the lesson's record shows. */
function span(raise: LessonRaise, state: MeetingState, now: number, time: TimeOfDay): string {
  const from = `from ${time(raise.raisedAt)}`;
  if (raise.open) return `${from} and not over at ${time(now)} (${lasting(now - raise.raisedAt)} so far)`;
  if (raise.clearedAt !== undefined)
    return `${from} to ${time(raise.clearedAt)} (${lasting(raise.clearedAt - raise.raisedAt)})`;
  return `${from}; it was over by ${state.endedAt === undefined ? time(now) : 'the end of the lesson'}`;
}

function lasting(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m < 1 ? 'under a minute' : `${m} min`;
}

/** The warnings that matter: how the lesson ended, rules broken for a while, checks never done. */
function warningLines(
  raises: readonly LessonRaise[],
  state: MeetingState,
  policy: Policy,
  closing: LessonClosing,
  time: TimeOfDay,
): string[] {
  const lines: string[] = [];
  if (!closing.endedForEveryone) {
    lines.push(
      '• Teams has not reported the meeting as ended for everyone: check that nobody is still in it, and end lessons with End meeting.',
    );
  }
  if (closing.pupilsOutFirst === false && policy.endForAll.pupilsLeaveFirst) {
    lines.push(
      '• Pupils were still in the meeting when it ended. Next time ask pupils to leave first, then end the meeting for everyone.',
    );
  }
  const groups = new Map<string, LessonRaise[]>();
  for (const raise of raises) {
    if (raise.severity !== 'warning' || CHECK_RULES.has(raise.ruleId)) continue;
    const label = whatHappened(raise);
    groups.set(label, [...(groups.get(label) ?? []), raise]);
  }
  for (const [label, group] of groups) {
    const first = group[0]!;
    const lasted = first.clearedAt === undefined ? '' : ` (${lasting(first.clearedAt - first.raisedAt)})`;
    const when =
      group.length === 1
        ? `from ${time(first.raisedAt)}${lasted}`
        : `${group.length} times, first at ${time(first.raisedAt)}`;
    lines.push(`• ${label}, ${when}.`);
  }
  if (hadPupils(state)) lines.push(...checksNotDone(state, policy).map((line) => `• ${line}`));
  return lines;
}

/** Per-pupil checks never recorded (or recorded as not met), and checklist items never ticked. */
function checksNotDone(state: MeetingState, policy: Policy): string[] {
  const pupils = Object.values(state.people).filter((p) => !isStaff(p) && stayedPastDeadline(p, policy));
  const lines: string[] = [];
  for (const check of PUPIL_CHECKS) {
    if (!policy.pupilChecks[check]) continue;
    const never = pupils.filter((p) => pupilCheckState(p, check) === 'notYet').length;
    const refused = pupils.filter((p) => pupilCheckState(p, check) === 'no').length;
    if (never) lines.push(checkLine(check, 'never', never));
    if (refused) lines.push(checkLine(check, 'refused', refused));
  }
  for (const { item, line } of checklistNeverTicked(policy))
    if (state.checklist[item]?.ticked !== true) lines.push(line);
  return lines;
}

/** Whether the pupil was still in the lesson when their checks were due (a pupil who left at once was never due). */
function stayedPastDeadline(pupil: PersonRecord, policy: Policy): boolean {
  const joined = firstJoinAt(pupil);
  if (joined === undefined) return false;
  const due = joined + minutes(policy.pupilChecks.withinMinutes);
  return presenceIntervals(pupil).some((stay) => stay.to === undefined || stay.to > due);
}
