/**
 * Who may do what with concerns, in one place. Every use case asks here first.
 * DSLs see and triage all of their own tenant's concerns; other staff see only what they
 * reported; pupils, guests and unknown people nothing at all.
 */
import type { Concern } from './types.js';

/** The person asking, as the directory classified them on this call. */
export interface Viewer {
  tenantId: string;
  aadObjectId: string;
  name: string;
  /** `dsl`: a Designated Safeguarding Lead; `staff`: any other member of staff; `none`: anyone else. */
  standing: 'dsl' | 'staff' | 'none';
}

/** What a viewer may ask for. */
export type ConcernAbility = 'log' | 'listAll' | 'listOwn' | 'read' | 'triage' | 'export';

type Rule = (viewer: Viewer, concern?: Concern) => boolean;

const sameTenant = (viewer: Viewer, concern?: Concern) => !concern || concern.tenantId === viewer.tenantId;
const isReporter = (viewer: Viewer, concern?: Concern) => !!concern && concern.reporter.aadObjectId === viewer.aadObjectId;

const RULES: Record<ConcernAbility, Rule> = {
  log: (v) => v.standing !== 'none',
  listAll: (v) => v.standing === 'dsl',
  listOwn: (v) => v.standing !== 'none',
  read: (v, c) => sameTenant(v, c) && (v.standing === 'dsl' || (v.standing === 'staff' && isReporter(v, c))),
  triage: (v, c) => sameTenant(v, c) && v.standing === 'dsl',
  export: (v, c) => sameTenant(v, c) && v.standing === 'dsl',
};

/** Whether `viewer` may do `ability` (to `concern`, where it concerns one). */
export function can(viewer: Viewer, ability: ConcernAbility, concern?: Concern): boolean {
  return RULES[ability](viewer, concern);
}

/** What a person is told when they are not allowed: a sentence with the next step. */
export const REFUSALS = {
  notStaff: 'Only school staff can use safeguarding concerns. If you are worried about a child, tell a member of staff you trust.',
  dslOnly: 'Only the Designated Safeguarding Lead can do that. You can see the concerns you reported with "concerns"; '
    + 'to tell the DSL more about one, type "concern" to log a new one that mentions its reference, or speak to them.',
  /** Same words whether the concern does not exist or belongs to someone else, so nothing leaks. */
  notFound: (ref: string) => `I can't find a concern ${ref} that you can see. Check the reference, or type "concerns" to list yours.`,
} as const;
