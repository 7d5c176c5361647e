import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { startTransition, useActionState, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Api } from '../api/client.js';
import type { Booker } from '../api/bookingClient.js';
import { byField, EMPTY_DRAFT, formOf, isCheckable, type BookingDraft, type DraftField } from './bookingDraft.js';
import { formKeyOf, NOTHING_SENT, sendBooking, type BookingAttempt, type BookingOutcome } from './bookingSubmission.js';
import { BookingFailure } from './BookingFailure.js';
import { BookingFields } from './BookingFields.js';
import { BookingReceipt } from './BookingReceipt.js';
import { askConsent } from './consent.js';
import { useBookingCheck } from './useBookingCheck.js';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

// The rules do not depend on the title, so they are checked before one is typed.
const TITLE_WHILE_CHECKING = 'Lesson';

// Every field the server names is on the form, but the notice override only for a senior leader.
const FORM_FIELDS: DraftField[] = ['title', 'start', 'durationMinutes', 'pupils', 'otherStaff'];
const FOR_ALL = new Set(FORM_FIELDS);
const FOR_SENIOR = new Set<DraftField>([...FORM_FIELDS, 'noticeOverride']);

/**
 * The "Book a lesson" form: the school's rules are checked as the teacher types, each problem beside its field;
 * one press of "Book" books once (a second press, or a retry after Teams' consent prompt, carries the same request
 * id). The receipt replaces the form only when the server says the lesson was booked.
 */
export function BookingForm({
  api,
  booker,
  onAnother,
  onBooked,
}: {
  api: Api;
  booker: Booker;
  onAnother: () => void;
  /** The server has booked the lesson (once per form). */
  onBooked: () => void;
}): ReactNode {
  const styles = useStyles();
  const { rules, canOverrideNotice } = booker;
  const [draft, setDraft] = useState<BookingDraft>(EMPTY_DRAFT);
  const [pressed, setPressed] = useState(false);
  const change = (c: Partial<BookingDraft>) => setDraft((d) => ({ ...d, ...c }));
  const typed = useMemo(() => formOf(draft, rules), [draft, rules]);
  const toCheck = useMemo(
    () =>
      isCheckable(draft) ? formOf({ ...draft, title: draft.title || TITLE_WHILE_CHECKING }, rules).form : undefined,
    [draft, rules],
  );
  const live = useBookingCheck(api, toCheck);
  const [outcome, send, sending] = useActionState(async (previous: BookingOutcome, attempt: BookingAttempt) => {
    const next = await sendBooking(api, () => askConsent(booker.consent), previous, attempt);
    if (next.booked && !previous.booked) onBooked();
    return next;
  }, NOTHING_SENT);
  // One id per form as pressed: pressing again without a change (a double click, a retry) sends the same id.
  const request = useRef<{ formKey: string; id: string } | undefined>(undefined);

  if (outcome.booked)
    return (
      <BookingReceipt booked={outcome.booked} staff={outcome.staff} timeZone={rules.timeZone} onAnother={onAnother} />
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPressed(true);
    const { form } = typed;
    if (!form) return;
    const formKey = formKeyOf(form);
    if (request.current?.formKey !== formKey) request.current = { formKey, id: crypto.randomUUID() };
    const attempt = { clientRequestId: request.current.id, form };
    startTransition(() => send(attempt));
  };

  const answered = typed.form && outcome.formKey === formKeyOf(typed.form) ? outcome.problems : live.problems;
  const messages = {
    ...byField(answered, canOverrideNotice ? FOR_SENIOR : FOR_ALL),
    ...(pressed ? typed.messages : {}),
  };
  return (
    <form onSubmit={submit} aria-label="Book a lesson" noValidate className={styles.column}>
      <BookingFields booker={booker} draft={draft} change={change} messages={messages} />
      {outcome.failure && !sending && <BookingFailure failure={outcome.failure} />}
      <div>
        <Button appearance="primary" type="submit" disabled={sending}>
          {sending ? 'Booking...' : 'Book'}
        </Button>
      </div>
    </form>
  );
}
