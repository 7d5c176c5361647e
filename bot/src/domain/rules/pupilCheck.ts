/**
 * The shared shape of the per-pupil checks (consent, parent present, communal room): each pupil in
 * the lesson needs the check recorded as yes within the policy's minutes of first joining. A check
 * set back to "not yet" is open again, exactly as if it had never been recorded.
 */
import type { Policy } from '../policy/schema.js';
import { firstJoinAt, pupilsPresent } from '../presence.js';
import { minutes } from '../session.js';
import type { Finding, MeetingState, PersonRecord, PupilCheck, PupilCheckState } from '../types.js';
import { earliestAfter, findingOf, type Rule, type RuleId } from './rule.js';

/** What a per-pupil check rule says, in a teacher's words. */
export interface PupilCheckWording {
  id: RuleId;
  check: PupilCheck;
  source: string;
  /** The finding when the check is still not recorded after the allowed minutes. */
  missing: { message: string; action: string };
  /** The finding when staff recorded "no". */
  refused: { message: string; action: string };
  describe(policy: Policy): string;
}

/** What a pupil's check says now: yes, no, or not yet (never recorded, or set back). */
export function pupilCheckState(person: PersonRecord, check: PupilCheck): PupilCheckState {
  const value = person.checks[check]?.value;
  return value === undefined ? 'notYet' : value ? 'yes' : 'no';
}

/** A per-pupil check rule, with the check it is about and what it tells staff when the answer is no. */
export interface PupilCheckRule extends Rule {
  check: PupilCheck;
  refused: PupilCheckWording['refused'];
}

function due(policy: Policy, person: PersonRecord): number | undefined {
  const joined = firstJoinAt(person);
  return joined === undefined ? undefined : joined + minutes(policy.pupilChecks.withinMinutes);
}

/** Builds the rule for one per-pupil check. */
export function pupilCheckRule(wording: PupilCheckWording): PupilCheckRule {
  const rule: PupilCheckRule = {
    id: wording.id,
    check: wording.check,
    refused: wording.refused,
    source: wording.source,
    enabled: (policy) => policy.pupilChecks[wording.check],
    evaluate(policy: Policy, state: MeetingState, now: number): Finding[] {
      const findings: Finding[] = [];
      for (const pupil of pupilsPresent(state)) {
        const recorded = pupilCheckState(pupil, wording.check);
        if (recorded === 'yes') continue;
        if (recorded === 'no') {
          findings.push(
            findingOf(rule, {
              key: `${wording.id}:${pupil.id}:no`,
              severity: 'warning',
              audience: ['staffPresent'],
              ...wording.refused,
              debounce: false,
              subjectIds: [pupil.id],
            }),
          );
        } else if (now >= (due(policy, pupil) ?? Infinity)) {
          findings.push(
            findingOf(rule, {
              key: `${wording.id}:${pupil.id}`,
              severity: 'warning',
              audience: ['staffPresent'],
              ...wording.missing,
              debounce: false,
              subjectIds: [pupil.id],
            }),
          );
        }
      }
      return findings;
    },
    nextChangeAt(policy, state, now) {
      const waiting = pupilsPresent(state).filter((p) => pupilCheckState(p, wording.check) === 'notYet');
      return earliestAfter(
        now,
        waiting.map((p) => due(policy, p)),
      );
    },
    describe: wording.describe,
  };
  return rule;
}
