/**
 * A lesson a teacher asks Chaperone to book, as the policy checks see it, and what the checks say.
 * Pure data: the app layer fills it from the form and the directory.
 */
import type { Role } from '../types.js';

/** The parts of a booking request the policy has something to say about. Times are epoch ms. */
export interface BookingPlan {
  start: number;
  durationMinutes: number;
  /** How many pupils are invited (the class, or pupils by email). */
  pupilCount: number;
  /** The other members of staff invited (Entra object ids): the second adult, and any more. */
  otherStaffIds: string[];
  /** A senior leader booking at shorter notice than the policy asks, and why. */
  noticeOverride?: { reason: string };
}

/** What the app layer learned about the people in the plan, from the directory. */
export interface BookingFacts {
  /** The teacher booking (the organizer), by Entra object id. */
  organizerId: string;
  /** Whether the teacher booking is on the school's senior leadership team (may book at short notice). */
  organizerIsSlt: boolean;
  /** How the directory classified each of {@link BookingPlan.otherStaffIds}. */
  otherStaffRoles: Readonly<Record<string, Role>>;
}

/** The form fields a problem can belong to. */
export type BookingField = 'start' | 'durationMinutes' | 'otherStaff' | 'pupils' | 'noticeOverride';

/** The live rules whose numbers the booking checks share. */
export type BookingRuleId = 'school-hours' | 'scheduled-ahead' | 'max-duration' | 'staff-pair' | 'no-one-to-one';

/** One reason the booking cannot go ahead, shown next to its field: what is wrong and the school's rule. */
export interface FieldProblem {
  field: BookingField;
  ruleId: BookingRuleId;
  message: string;
}

/** The outcome of the checks. */
export interface BookingCheck {
  problems: FieldProblem[];
  /** The rules the policy turns on that the plan was checked against and passed (empty when there are problems). */
  passed: BookingRuleId[];
  /** Present when a senior leader booked at shorter notice: the reason, to be recorded. */
  noticeOverridden?: { reason: string };
}
