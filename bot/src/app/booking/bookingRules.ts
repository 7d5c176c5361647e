/** The school's booking rules as the "Book a lesson" form shows them next to its fields, and where it asks consent. */
import type { Policy } from '../../domain/policy/schema.js';

/** What the form shows; `null` where the school's policy has no such rule. */
export interface BookingRules {
  /** Hours of notice a lesson needs (0: none). */
  minHoursAhead: number;
  /** Longest lesson with pupils, in minutes. */
  maxPupilMinutes: number | null;
  /** `HH:MM` in the school's time zone, on ISO weekdays (1 = Monday ... 7 = Sunday). */
  schoolHours: { start: string; end: string; days: number[] } | null;
  timeZone: string;
}

/** The rules `validateBooking` checks, from the same policy fields. */
export function bookingRules(policy: Policy): BookingRules {
  const { start, end, days } = policy.schoolHours;
  return {
    minHoursAhead: policy.scheduling.minHoursAhead,
    maxPupilMinutes: policy.duration.enabled ? policy.duration.pupilSessionMinutes : null,
    schoolHours: policy.schoolHours.enabled ? { start, end, days: [...days] } : null,
    timeZone: policy.school.timeZone,
  };
}

/** The Entra app booking acts through (the tab's app, whose secret makes the on-behalf-of exchange). */
export interface BookingApp {
  /** The tab app's client id, `AAD_APP_CLIENT_ID`. */
  clientId: string;
  /** `AAD_AUTHORITY_HOST`, e.g. `https://login.microsoftonline.com`. */
  authorityHost: string;
}

/** Where the teacher gives the app their consent: the app, in the teacher's own tenant. */
export interface BookingConsent extends BookingApp {
  tenantId: string;
}

/** The consent the form asks for when Microsoft says the teacher has not yet given it. */
export function bookingConsent(app: BookingApp, tenantId: string): BookingConsent {
  return { clientId: app.clientId, tenantId, authorityHost: app.authorityHost.replace(/\/+$/, '') };
}
