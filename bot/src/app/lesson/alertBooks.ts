/**
 * Comparing alert books field by field. Serialising both books and comparing the strings said two
 * equal books differed whenever their keys were written in another order (a book read back from
 * storage beside one the rules just built), which cost a needless write of the lesson.
 */
import type { AlertBook, Finding, TrackedFinding } from '../../domain/types.js';

type Same<T> = (a: T, b: T) => boolean;

const same = <T>(a: T, b: T): boolean => a === b;

/** Whether two lists hold the very same items in the same order (a missing list equals only another missing one). */
export const sameList = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((item, i) => item === b[i]));

/**
 * Every field of a finding with how to compare it; a field added to `Finding` fails to compile until it is listed here.
 */
const FINDING_FIELDS: { [K in keyof Required<Finding>]: Same<Finding[K]> } = {
  ruleId: same,
  key: same,
  severity: same,
  audience: sameList,
  message: same,
  action: same,
  debounce: same,
  source: same,
  subjectIds: sameList,
};

const sameFinding = (a: Finding, b: Finding): boolean =>
  (Object.keys(FINDING_FIELDS) as (keyof Finding)[]).every((field) =>
    (FINDING_FIELDS[field] as Same<unknown>)(a[field], b[field]),
  );

/** Every field of a tracked finding, listed the same way. */
const TRACKED_FIELDS: { [K in keyof Required<TrackedFinding>]: Same<TrackedFinding[K]> } = {
  finding: sameFinding,
  firstSeenAt: same,
  raisedAt: same,
};

const sameTracked = (a: TrackedFinding, b: TrackedFinding): boolean =>
  (Object.keys(TRACKED_FIELDS) as (keyof TrackedFinding)[]).every((field) =>
    (TRACKED_FIELDS[field] as Same<unknown>)(a[field], b[field]),
  );

/**
 * Whether two alert books hold the same findings, tracked the same way: the same keys and, under
 * each, equal fields. Key order does not matter; a field that is absent equals one set to
 * `undefined` (storage keeps neither).
 */
export function sameAlertBook(a: AlertBook, b: AlertBook): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && sameTracked(a[key]!, b[key]!));
}
