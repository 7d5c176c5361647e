import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type Api, type StatusView } from './client.js';

/** How often the panel asks for changes (a 304 costs almost nothing). */
export const POLL_MS = 3000;

/** The lesson's live status for the side panel. */
export interface LessonStatus {
  view?: StatusView;
  /** `Date.now()` when `view` arrived, to tick the timer between polls. */
  receivedAt: number;
  /** A sentence to show when the last poll failed (the last good view stays on screen). */
  problem?: string;
  /** Whether Chaperone has seen the lesson yet (404 until the first meeting event). */
  waiting: boolean;
  /** Shows the view a write returned at once, without waiting for the next poll. */
  show(view: StatusView): void;
}

/** Polls the lesson's status with `If-None-Match`, every {@link POLL_MS} ms while the panel is open. */
export function useLessonStatus(api: Api, meetingId: string): LessonStatus {
  const [state, setState] = useState<{ view?: StatusView; receivedAt: number; problem?: string; waiting: boolean }>({
    receivedAt: 0,
    waiting: false,
  });
  const etag = useRef<string | undefined>(undefined);

  const show = useCallback((view: StatusView) => {
    // A write's view has no ETag; the next poll fetches the full one.
    etag.current = undefined;
    setState({ view, receivedAt: Date.now(), waiting: false });
  }, []);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const result = await api.status(meetingId, etag.current);
        if (stopped) return;
        if (result.kind === 'changed') {
          etag.current = result.etag;
          setState({ view: result.view, receivedAt: Date.now(), waiting: false });
        } else {
          setState((s) => (s.problem ? { ...s, problem: undefined } : s));
        }
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && err.status === 404)
          setState((s) => ({ ...s, waiting: true, problem: undefined }));
        else
          setState((s) => ({
            ...s,
            problem: err instanceof Error ? err.message : 'Chaperone could not be reached; it will keep trying.',
          }));
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, meetingId]);

  return { ...state, show };
}

/** The current time, updated every second (for the lesson timer). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
