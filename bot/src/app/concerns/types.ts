/**
 * The vocabulary of a safeguarding concern, in the school's words. A concern is its chronology:
 * the first entry is what the reporter wrote (never edited); everything after is appended.
 */

/** What kind of worry it is; schools triage by these (seed 002 "safeguarding or conduct concern"). */
export const CONCERN_CATEGORIES = [
  'disclosure',
  'physical',
  'emotional',
  'sexual',
  'neglect',
  'online-safety',
  'live-lesson-behaviour',
  'staff-conduct',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

/** Labels a person reads for each category. */
export const CATEGORY_LABELS: Record<ConcernCategory, string> = {
  disclosure: 'Disclosure (the pupil told someone)',
  physical: 'Physical harm',
  emotional: 'Emotional harm',
  sexual: 'Sexual harm',
  neglect: 'Neglect',
  'online-safety': 'Online safety',
  'live-lesson-behaviour': 'Behaviour in a live lesson',
  'staff-conduct': 'Conduct of a member of staff',
  other: 'Something else',
};

/** `urgent`: a child may be at immediate risk, so the DSL must act now. */
export const URGENCIES = ['routine', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** A member of staff as the record names them. */
export interface StaffMember {
  aadObjectId: string;
  name: string;
}

/**
 * The lesson a concern arose from, when there was one. People read it by title and time (see `lessonLink.ts`), never by
 * id.
 */
export interface LessonLink {
  meetingId: string;
  title: string;
  /** When the lesson started (epoch ms), as the school's records had it when the concern was logged. */
  startedAt?: number;
}

/** What the reporter wrote: the first, immutable entry of the chronology. */
export interface ConcernDetails {
  pupilName: string;
  category: ConcernCategory;
  /** What was seen or heard, in the reporter's own words. */
  whatHappened: string;
  /** When it was seen or heard (epoch ms). */
  happenedAt: number;
  lesson?: LessonLink;
  actionsTaken: string;
  urgency: Urgency;
}

/** One row of the chronology; `seq` 0 is always the raising of the concern. */
export type ConcernEntry = { seq: number; at: number; by: StaffMember } & (
  | { kind: 'raised'; details: ConcernDetails }
  | { kind: 'acknowledged' }
  | { kind: 'levelSet'; level: string }
  | { kind: 'actionAdded'; text: string }
  | { kind: 'closed'; outcome: string }
);
export type ConcernEntryKind = ConcernEntry['kind'];

/** An entry about to be appended: the store assigns its sequence number. */
export type NewConcernEntry = ConcernEntry extends infer E ? (E extends ConcernEntry ? Omit<E, 'seq'> : never) : never;

/** A concern as stored: its identity plus the whole chronology, oldest first. */
export interface Concern {
  tenantId: string;
  /** Human reference, e.g. `C-7K3F9Q`. */
  ref: string;
  reporter: StaffMember;
  raisedAt: number;
  details: ConcernDetails;
  entries: ConcernEntry[];
}

/** Where a concern stands, derived from its chronology (nothing is stored twice). */
export interface ConcernStatus {
  open: boolean;
  level?: string;
  acknowledgements: Array<{ by: StaffMember; at: number }>;
  outcome?: string;
  lastActivityAt: number;
}

/** Folds the chronology into its current status. */
export function concernStatus(concern: Concern): ConcernStatus {
  const status: ConcernStatus = { open: true, acknowledgements: [], lastActivityAt: concern.raisedAt };
  for (const entry of concern.entries) {
    status.lastActivityAt = Math.max(status.lastActivityAt, entry.at);
    if (entry.kind === 'acknowledged') status.acknowledgements.push({ by: entry.by, at: entry.at });
    if (entry.kind === 'levelSet') status.level = entry.level;
    if (entry.kind === 'closed') {
      status.open = false;
      status.outcome = entry.outcome;
    }
  }
  return status;
}
