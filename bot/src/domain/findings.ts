/** What the rules find in a lesson, and the alert book that carries findings from one evaluation to the next. */
import type { RuleId } from './rules/rule.js';

export type Severity = 'info' | 'warning' | 'critical';

/** Who must hear of a finding. Pupils and parents never do. */
export type Audience = 'staffPresent' | 'organizer' | 'dsl';

/** One breach (or reminder) of the school's policy, found by a rule. */
export interface Finding {
  /** The rule that found it, e.g. `staff-pair`. */
  ruleId: RuleId;
  /** Unique per rule and subject (e.g. `parent-present:<pupilId>`), so the same finding is raised once. */
  key: string;
  severity: Severity;
  audience: Audience[];
  /** What is wrong, in plain words for a teacher. */
  message: string;
  /** What to do now, in plain words for a teacher. */
  action: string;
  /** Whether the grace period applies (a reconnect blip must not page anyone). */
  debounce: boolean;
  /** Seed lines the rule comes from, e.g. `seed 003, bullet 1`. */
  source: string;
  /** People the finding is about (ids only); never shown in a DSL preview. */
  subjectIds?: string[];
}

/** A finding tracked across evaluations: first seen, and when (if ever) it was raised. */
export interface TrackedFinding {
  finding: Finding;
  firstSeenAt: number;
  raisedAt?: number;
}

/** Findings carried from one evaluation to the next, keyed by `Finding.key`. */
export type AlertBook = Record<string, TrackedFinding>;
