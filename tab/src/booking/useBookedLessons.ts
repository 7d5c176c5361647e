import { useCallback, useEffect, useState } from 'react';
import type { Api, BookingItem } from '../api/client.js';

/** The teacher's booked lessons as last loaded, or why they could not be. */
export type BookedLessonsLoad =
  { kind: 'loading' } | { kind: 'ready'; lessons: BookingItem[] } | { kind: 'failed'; message: string };

/**
 * Loads the teacher's booked lessons (`GET /api/bookings`) now, whenever `refresh` changes and on `reload`. While a
 * reload is under way the list last loaded stays on screen; an answer overtaken by a later load is dropped.
 */
export function useBookedLessons(
  api: Pick<Api, 'bookings'>,
  refresh: number,
): { load: BookedLessonsLoad; reload: () => void; replace: (item: BookingItem) => void } {
  const [load, setLoad] = useState<BookedLessonsLoad>({ kind: 'loading' });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    api.bookings().then(
      (lessons) => current && setLoad({ kind: 'ready', lessons }),
      (err: unknown) =>
        current &&
        setLoad({ kind: 'failed', message: err instanceof Error ? err.message : 'Reopen the tab and try again.' }),
    );
    return () => {
      current = false;
    };
  }, [api, refresh, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  // The server's own answer about one lesson, shown before the list is loaded again.
  const replace = useCallback(
    (item: BookingItem) =>
      setLoad((l) =>
        l.kind === 'ready' ? { kind: 'ready', lessons: l.lessons.map((x) => (x.id === item.id ? item : x)) } : l,
      ),
    [],
  );
  return { load, reload, replace };
}
