/**
 * The shared shape of the per-pupil checks (consent, parent present, communal room): each pupil in
 * the lesson needs the check recorded as yes within the policy's minutes of first joining.
 */
import type { Policy } from '../policy/schema.js';
import { firstJoinAt, pupilsPresent } from '../presence.js';
import { minutes } from '../session.js';
import type { Finding, MeetingState, PersonRecord, PupilCheck } from '../types.js';
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

function due(policy: Policy, person: PersonRecord): number | undefined {
  const joined = firstJoinAt(person);
  return joined === undefined ? undefined : joined + minutes(policy.pupilChecks.withinMinutes);
}

/** Builds the rule for one per-pupil check. */
export function pupilCheckRule(wording: PupilCheckWording): Rule {
  const rule: Rule = {
    id: wording.id,
    source: wording.source,
    enabled: (policy) => policy.pupilChecks[wording.check],
    evaluate(policy: Policy, state: MeetingState, now: number): Finding[] {
      const findings: Finding[] = [];
      for (const pupil of pupilsPresent(state)) {
        const recorded = pupil.checks[wording.check]?.value;
        if (recorded === true) continue;
        if (recorded === false) {
          findings.push(findingOf(rule, { key: `${wording.id}:${pupil.id}:no`, severity: 'warning', audience: ['staffPresent'], ...wording.refused, debounce: false, subjectIds: [pupil.id] }));
        } else if (now >= (due(policy, pupil) ?? Infinity)) {
          findings.push(findingOf(rule, { key: `${wording.id}:${pupil.id}`, severity: 'warning', audience: ['staffPresent'], ...wording.missing, debounce: false, subjectIds: [pupil.id] }));
        }
      }
      return findings;
    },
    nextChangeAt(policy, state, now) {
      const waiting = pupilsPresent(state).filter((p) => p.checks[wording.check] === undefined);
      return earliestAfter(now, waiting.map((p) => due(policy, p)));
    },
    describe: wording.describe,
  };
  return rule;
}
