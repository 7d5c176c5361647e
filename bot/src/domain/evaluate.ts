/**
 * Runs the enabled rules and compares their findings with the previous evaluation, so callers
 * learn what started and what cleared: each alert is raised once and cleared once, and a finding
 * that must be debounced is raised only after it has lasted the policy's grace period.
 */
import type { Policy } from './policy/schema.js';
import { RULES, type Rule } from './rules/index.js';
import { earliestAfter } from './rules/rule.js';
import type { AlertBook, Finding, MeetingState } from './types.js';

/** The outcome of one evaluation. */
export interface Evaluation {
  /** The findings to carry to the next evaluation (raised and pending). */
  book: AlertBook;
  /** Findings raised and still true now. */
  active: Finding[];
  /** Findings raised by this evaluation: tell people now. */
  started: Finding[];
  /** Raised findings no longer true: tell people they are resolved. */
  cleared: Finding[];
  /** When to evaluate again with no new event: a pending finding matures or a rule's threshold passes. */
  nextCheckAt?: number;
}

// A policy is parsed once and never changed, so which rules it enables is worked out once per policy.
const enabledByPolicy = new WeakMap<Policy, readonly Rule[]>();

/** The rules the policy asks for, in `RULES` order. */
function enabledRules(policy: Policy): readonly Rule[] {
  let rules = enabledByPolicy.get(policy);
  if (!rules) {
    rules = RULES.filter((rule) => rule.enabled(policy));
    enabledByPolicy.set(policy, rules);
  }
  return rules;
}

/** Every finding of every enabled rule, one per key. */
export function findingsOf(policy: Policy, state: MeetingState, now: number): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const rule of enabledRules(policy)) {
    for (const finding of rule.evaluate(policy, state, now)) byKey.set(finding.key, finding);
  }
  return [...byKey.values()];
}

/** Evaluates the lesson at `now` against the policy, given the book from the previous evaluation. */
export function evaluate(policy: Policy, state: MeetingState, now: number, previous: AlertBook): Evaluation {
  const graceMs = policy.graceSeconds * 1000;
  const book: AlertBook = {};
  const active: Finding[] = [];
  const started: Finding[] = [];
  const maturing: number[] = [];

  for (const finding of findingsOf(policy, state, now)) {
    const before = previous[finding.key];
    const firstSeenAt = before?.firstSeenAt ?? now;
    if (before?.raisedAt !== undefined) {
      // Already raised: keep it raised, with today's wording and subjects.
      book[finding.key] = { finding, firstSeenAt, raisedAt: before.raisedAt };
      active.push(finding);
    } else if (!finding.debounce || now - firstSeenAt >= graceMs) {
      book[finding.key] = { finding, firstSeenAt, raisedAt: now };
      active.push(finding);
      started.push(finding);
    } else {
      book[finding.key] = { finding, firstSeenAt };
      maturing.push(firstSeenAt + graceMs);
    }
  }

  // A raised finding that is gone clears once; a pending one (a reconnect blip) vanishes silently.
  const cleared = Object.entries(previous)
    .filter(([key, tracked]) => !book[key] && tracked.raisedAt !== undefined)
    .map(([, tracked]) => tracked.finding);

  const thresholds = enabledRules(policy).map((rule) => rule.nextChangeAt?.(policy, state, now));
  const nextCheckAt = earliestAfter(now, [...maturing, ...thresholds]);
  return nextCheckAt === undefined
    ? { book, active, started, cleared }
    : { book, active, started, cleared, nextCheckAt };
}
