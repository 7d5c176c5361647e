/**
 * What the end-of-lesson summary calls each alert, looking back on it: plain past-tense words for
 * a teacher, with no rule ids or policy citations. A finding key is looked up before its rule id.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { PupilCheck } from '../../domain/types.js';

const WHAT_HAPPENED: Record<string, string> = {
  breach: 'A member of staff reported a breach or serious misconduct',
  unsupervised: 'Pupils were in the meeting with no member of staff',
  'end-for-all:after-end': 'Pupils came back into the meeting after it had ended',
  'end-for-all:staff-left': 'The last member of staff left while pupils were still in the meeting',
  'no-one-to-one': 'One adult was alone in the call with one pupil',
  'no-one-to-one:participants': 'Fewer people than the school asks for were in the call',
  'staff-pair': 'Fewer staff than the school asks for were with the pupils',
  'record-if-single-staff': 'One member of staff was alone with pupils and the lesson was not being recorded',
  'max-duration:over': 'The lesson ran over its time limit',
  'school-hours': 'Pupils were in the lesson outside school hours',
  lobby: 'The meeting let people skip the lobby',
  'scheduled-ahead:meet-now': 'The lesson was a "Meet now" call, which has no lobby',
  recording: 'The lesson was not being recorded, though the school asks for every lesson to be',
};

const SUBJECT: Record<string, string> = {
  breach: 'the breach',
  unsupervised: 'the pupils left without an adult',
  'end-for-all': 'the pupils left in the meeting',
  'no-one-to-one': 'the one-to-one call',
};

/** What happened, in the past tense; the finding's own message when the summary has no words for it. */
export function whatHappened(raise: { key: string; ruleId: string; message: string }): string {
  return WHAT_HAPPENED[raise.key] ?? WHAT_HAPPENED[raise.ruleId] ?? raise.message.replace(/\.$/, '');
}

/** A short name for the problem, for "Check ... with the DSL today". */
export function subjectOf(ruleId: string): string {
  return SUBJECT[ruleId] ?? 'what happened';
}

/**
 * Rules whose warnings the summary reports from the lesson's own record instead (a check done late
 * is not a problem at the end; a check never done is).
 */
export const CHECK_RULES: ReadonlySet<string> = new Set(['consent', 'parent-present', 'communal-room', 'expectations']);

const CHECK_WORDS: Record<PupilCheck, { never: (n: string) => string; refused: (n: string) => string }> = {
  consent: {
    never: (n) => `Parental consent was never recorded for ${n}`,
    refused: (n) => `Staff recorded that a parent or carer had not given consent for ${n}`,
  },
  parentPresent: {
    never: (n) => `Nobody recorded that a parent or carer was with ${n}`,
    refused: (n) => `Staff recorded that ${n} had no parent or carer with them`,
  },
  communalRoom: {
    never: (n) => `Nobody recorded that ${n} joined from a shared room`,
    refused: (n) => `Staff recorded that ${n} joined from a bedroom or another unsuitable room`,
  },
};

/** "a pupil" / "3 pupils". */
export function pupils(n: number): string {
  return n === 1 ? 'a pupil' : `${n} pupils`;
}

/** The line for one pupil check that was never recorded, or recorded as not met, for some pupils. */
export function checkLine(check: PupilCheck, outcome: 'never' | 'refused', count: number): string {
  return `${CHECK_WORDS[check][outcome](pupils(count))}.`;
}

/** The session checklist items the policy asks staff to tick, with what it means when they never did. */
export function checklistNeverTicked(
  policy: Policy,
): Array<{ item: 'expectationsRead' | 'rolesAgreed'; line: string }> {
  const items = [
    {
      item: 'expectationsRead' as const,
      line: 'The expectations for keeping safe online were never ticked as read out to pupils.',
    },
    { item: 'rolesAgreed' as const, line: 'Roles and responsibilities were never ticked as discussed with pupils.' },
  ];
  return items.filter(({ item }) => policy.checklist[item]);
}
