import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, SchoolNowView } from '../api/client.js';

/** How often the school view asks for changes (one request for the whole school; a 304 costs almost nothing). */
export const SCHOOL_POLL_MS = 15_000;

/** The whole school now, as the view shows it. */
export interface SchoolNow {
  view?: SchoolNowView;
  /** `Date.now()` here when `view` arrived: the server's time now is `view.now` plus what has passed since. */
  receivedAt: number;
  /** `Date.now()` here when the server last answered (a 304 says `view` is still the school now). */
  checkedAt: number;
  /** A sentence to show when the last poll failed (the last good view stays on screen). */
  problem?: string;
  /** The error of the first poll when there is no view to keep (a refusal, say). */
  failed?: unknown;
  /** Asks again now instead of at the next poll (after "I'm dealing with it"). */
  refresh(): void;
}

/** Polls `GET /api/school/now` with `If-None-Match` every {@link SCHOOL_POLL_MS} ms while the view is open. */
export function useSchoolNow(api: Api): SchoolNow {
  const [state, setState] = useState<Omit<SchoolNow, 'refresh'>>({ receivedAt: 0, checkedAt: 0 });
  const etag = useRef<string | undefined>(undefined);
  const pollNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    // A refresh asked for while a poll is under way runs as soon as that poll ends.
    let again = false;
    const poll = async () => {
      clearTimeout(timer);
      if (running) {
        again = true;
        return;
      }
      running = true;
      again = false;
      try {
        const result = await api.schoolNow(etag.current);
        if (stopped) return;
        if (result.kind === 'changed') {
          etag.current = result.etag;
          const at = Date.now();
          setState({ view: result.view, receivedAt: at, checkedAt: at });
        } else {
          setState((s) => ({ ...s, checkedAt: Date.now(), problem: undefined }));
        }
      } catch (err) {
        if (stopped) return;
        const problem = err instanceof Error ? err.message : 'Chaperone could not be reached; it will keep trying.';
        setState((s) => (s.view ? { ...s, problem } : { ...s, failed: err }));
      } finally {
        running = false;
      }
      if (!stopped) timer = setTimeout(() => void poll(), again ? 0 : SCHOOL_POLL_MS);
    };
    pollNow.current = () => void poll();
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);

  const refresh = useCallback(() => pollNow.current(), []);
  return { ...state, refresh };
}
