/**
 * The shape of a safeguarding rule: data plus pure functions of (policy, state, now). Each rule
 * lives in its own file named by its id, and says which seed lines it comes from.
 */
import type { Policy } from '../policy/schema.js';
import type { Finding, MeetingState } from '../types.js';

/**
 * The rule ids, as in DESIGN.md section 2 (`meeting-options` is raised from what Graph says of the meeting's options).
 */
export type RuleId =
  | 'lobby'
  | 'staff-pair'
  | 'record-if-single-staff'
  | 'no-one-to-one'
  | 'unsupervised'
  | 'rejoin-after-end'
  | 'end-for-all'
  | 'school-hours'
  | 'max-duration'
  | 'scheduled-ahead'
  | 'consent'
  | 'parent-present'
  | 'communal-room'
  | 'expectations'
  | 'recording'
  | 'breach'
  | 'meeting-options';

/** One rule of the school's policy. */
export interface Rule {
  id: RuleId;
  /** Seed lines the rule enforces, e.g. `seed 003, line 3`. */
  source: string;
  /** Whether the policy asks for this rule at all. */
  enabled(policy: Policy): boolean;
  /** What is wrong now (empty when all is well). */
  evaluate(policy: Policy, state: MeetingState, now: number): Finding[];
  /** The next time the findings may change with no new event (a limit, a deadline); undefined if none. */
  nextChangeAt?(policy: Policy, state: MeetingState, now: number): number | undefined;
  /** The rule in plain words for a teacher, as this policy sets it. */
  describe(policy: Policy): string;
}

/** The fields of a finding a rule decides; the rule's id and source are filled in by {@link findingOf}. */
export type FindingFields = Omit<Finding, 'ruleId' | 'source'>;

/** Builds a finding of `rule`. */
export function findingOf(rule: Pick<Rule, 'id' | 'source'>, fields: FindingFields): Finding {
  return { ruleId: rule.id, source: rule.source, ...fields };
}

/** The earliest of some times that are still ahead of `now`; undefined when none is. */
export function earliestAfter(now: number, times: Array<number | undefined>): number | undefined {
  let earliest: number | undefined;
  for (const t of times) if (t !== undefined && t > now && (earliest === undefined || t < earliest)) earliest = t;
  return earliest;
}

/** "1 pupil" / "3 pupils". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
