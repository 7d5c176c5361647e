/**
 * A booking as the tab sends it, already validated at the edge, and what checking it needs from the
 * directory: whether the second adult is staff and whether the teacher is a senior leader.
 */
import type { BookingCheck, BookingFacts, BookingPlan } from '../../domain/booking/bookingPlan.js';
import { validateBooking } from '../../domain/booking/validateBooking.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { Clock, ParticipantDirectory } from '../ports.js';
import type { ActingUser } from './ports.js';

/** A member of staff chosen in the people picker. */
export interface ChosenStaff {
  aadObjectId: string;
  email: string;
  name: string;
}

/** The "Book a lesson" form. Times are epoch ms. */
export interface BookingRequest {
  title: string;
  start: number;
  durationMinutes: number;
  /** Pupils invited by email (guests of the meeting, as the school invites them). */
  pupils: string[];
  /** The second member of staff (and any more). */
  otherStaff: ChosenStaff[];
  /** For the senior leadership team's card only; never in the invitation. */
  notesForSlt?: string;
  /** A senior leader booking at shorter notice than the policy asks, and why. */
  noticeOverride?: { reason: string };
}

/** The signed-in teacher who books. */
export interface BookingCaller {
  tenantId: string;
  aadObjectId: string;
  name: string;
  asUser: ActingUser;
}

/** What checking a booking needs. */
export interface CheckDeps {
  directory: Pick<ParticipantDirectory, 'classify' | 'listEscalation'>;
  policyFor(tenantId: string): Policy;
  clock: Clock;
}

/** Checks a booking against the school's policy; creates nothing. */
export function checkBooking(
  deps: CheckDeps,
  caller: Omit<BookingCaller, 'asUser'>,
  request: BookingRequest,
): Promise<BookingCheck> {
  return checkPlan(deps, caller, bookingPlan(request));
}

/** Checks a plan (a new booking's, or a booked lesson's new times) against the school's policy at the clock's now. */
export async function checkPlan(
  deps: CheckDeps,
  caller: Omit<BookingCaller, 'asUser'>,
  plan: BookingPlan,
): Promise<BookingCheck> {
  const facts = await bookingFacts(deps, caller, plan);
  return validateBooking(deps.policyFor(caller.tenantId), plan, deps.clock.now(), facts);
}

/** The plan the policy checks see. */
export function bookingPlan(request: BookingRequest): BookingPlan {
  return {
    start: request.start,
    durationMinutes: request.durationMinutes,
    pupilCount: new Set(request.pupils.map((p) => p.toLowerCase())).size,
    otherStaffIds: request.otherStaff.map((s) => s.aadObjectId),
    ...(request.noticeOverride ? { noticeOverride: request.noticeOverride } : {}),
  };
}

async function bookingFacts(
  deps: CheckDeps,
  caller: Omit<BookingCaller, 'asUser'>,
  plan: BookingPlan,
): Promise<BookingFacts> {
  const { tenantId } = caller;
  const roles = await Promise.all(
    plan.otherStaffIds.map(
      async (aadObjectId) =>
        [
          aadObjectId,
          await deps.directory.classify({ tenantId, aadObjectId, teamsId: '', userTenantId: tenantId }),
        ] as const,
    ),
  );
  return {
    organizerId: caller.aadObjectId,
    organizerIsSlt: await isSeniorLeader(deps.directory, caller),
    otherStaffRoles: Object.fromEntries(roles),
  };
}

/** Whether the caller is on their school's senior leadership list (who may book at shorter notice). */
export async function isSeniorLeader(
  directory: Pick<ParticipantDirectory, 'listEscalation'>,
  caller: Pick<BookingCaller, 'tenantId' | 'aadObjectId'>,
): Promise<boolean> {
  const slt = await directory.listEscalation(caller.tenantId, 'slt');
  return slt.some((p) => p.aadObjectId === caller.aadObjectId);
}
