import type { Viewer } from '../../../bot/src/app/permissions.js';
import type { Concern, ConcernDetails } from '../../../bot/src/app/concerns/types.js';

/** Tenants and people used across the concern tests (all fake). */
export const TENANT = '00000000-0000-4000-8000-00000000fa4e';
export const OTHER_TENANT = '00000000-0000-4000-8000-0000000000ff';
/** 2026-03-12 10:00 UTC (10:00 GMT in London). */
export const T0 = Date.UTC(2026, 2, 12, 10, 0);

/** A viewer of the given standing. */
export function viewer(standing: Viewer['standing'], id = `${standing}-1`, tenantId = TENANT): Viewer {
  return { tenantId, aadObjectId: id, name: `${standing} person ${id}`, standing };
}

/** What a teacher might write; distinctive words so tests can look for leaks. */
export function details(overrides: Partial<ConcernDetails> = {}): ConcernDetails {
  return {
    pupilName: 'Zebedee Quill',
    category: 'disclosure',
    whatHappened: 'Said something worrying about home: SECRET-TEXT-41',
    happenedAt: T0 - 30 * 60_000,
    actionsTaken: 'Listened and reassured.',
    urgency: 'urgent',
    ...overrides,
  };
}

/** Raw form input that passes validation. */
export function formInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const d = details();
  return {
    pupilName: d.pupilName,
    category: d.category,
    whatHappened: d.whatHappened,
    happenedAt: d.happenedAt,
    actionsTaken: d.actionsTaken,
    urgency: d.urgency,
    clientRequestId: 'form-0000-0001',
    ...overrides,
  };
}

/** A stored concern with only its first entry. */
export function concern(
  ref = 'C-7K3F9Q',
  reporter = viewer('staff'),
  overrides: Partial<ConcernDetails> = {},
): Concern {
  const by = { aadObjectId: reporter.aadObjectId, name: reporter.name };
  const d = details(overrides);
  return {
    tenantId: reporter.tenantId,
    ref,
    reporter: by,
    raisedAt: T0,
    details: d,
    entries: [{ seq: 0, kind: 'raised', at: T0, by, details: d }],
  };
}
