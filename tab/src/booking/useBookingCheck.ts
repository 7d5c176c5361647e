import { useEffect, useState } from 'react';
import type { Api } from '../api/client.js';
import type { BookingForm, FieldProblem } from '../api/bookingClient.js';
import { formKeyOf } from './bookingSubmission.js';

/** How long typing must pause before the rules are checked. */
export const CHECK_PAUSE_MS = 600;

/** The school's rules checked against the form as it stands, and which form the problems are about. */
export interface LiveCheck {
  formKey?: string;
  problems: FieldProblem[];
}

/**
 * Checks `form` with `POST /api/bookings/check` once typing pauses. A check that fails says nothing (the
 * press of "Book" will), and an answer for a form since changed is dropped.
 */
export function useBookingCheck(api: Pick<Api, 'checkBooking'>, form: BookingForm | undefined): LiveCheck {
  const [check, setCheck] = useState<LiveCheck>({ problems: [] });
  const key = form ? formKeyOf(form) : undefined;
  useEffect(() => {
    if (!form || !key) return;
    let current = true;
    const timer = setTimeout(() => {
      api.checkBooking(form).then(
        (problems) => current && setCheck({ formKey: key, problems }),
        () => undefined,
      );
    }, CHECK_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `key` stands for `form`: a new object with the same fields is the same form.
  }, [api, key]);
  return check;
}
