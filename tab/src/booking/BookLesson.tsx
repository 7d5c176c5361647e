import { Body1, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { Api, Booker } from '../api/client.js';
import { BookedLessons } from './BookedLessons.js';
import { BookingForm } from './BookingForm.js';

type Load = { kind: 'loading' } | { kind: 'ready'; booker: Booker } | { kind: 'failed'; message: string };

/**
 * "Book a lesson": who is booking and the school's rules (`GET /api/bookings/me`), then the form and the teacher's
 * booked lessons. `booker` when the caller has already asked.
 */
export default function BookLesson({ api, booker }: { api: Api; booker?: Booker }): ReactNode {
  const [load, setLoad] = useState<Load>(booker ? { kind: 'ready', booker } : { kind: 'loading' });
  // A new form after each booking: a fresh draft and fresh request ids.
  const [formNumber, setFormNumber] = useState(0);
  // Bumped when a lesson is booked: "Your booked lessons" loads again.
  const [booked, setBooked] = useState(0);
  useEffect(() => {
    if (booker) return;
    let cancelled = false;
    api.booker().then(
      (b) => !cancelled && setLoad({ kind: 'ready', booker: b }),
      (err: unknown) =>
        !cancelled &&
        setLoad({ kind: 'failed', message: err instanceof Error ? err.message : 'Reopen the tab and try again.' }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, booker]);

  if (load.kind === 'loading') return <Spinner label="Loading the booking form..." />;
  if (load.kind === 'failed')
    return (
      <MessageBar intent="error">
        <MessageBarBody>The booking form could not be loaded. {load.message}</MessageBarBody>
      </MessageBar>
    );
  if (!load.booker.canBook)
    return (
      <Body1 as="p">
        Chaperone cannot book lessons for you yet. Book this lesson in Teams or Outlook for now, and ask your IT team to
        set up booking in Chaperone.
      </Body1>
    );
  return (
    <>
      <Body1 as="p">
        Chaperone checks the lesson against the school&apos;s rules as you type, then adds it to your calendar with its
        Teams meeting.
      </Body1>
      <BookingForm
        key={formNumber}
        api={api}
        booker={load.booker}
        onAnother={() => setFormNumber((n) => n + 1)}
        onBooked={() => setBooked((n) => n + 1)}
      />
      <BookedLessons api={api} booker={load.booker} refresh={booked} />
    </>
  );
}
