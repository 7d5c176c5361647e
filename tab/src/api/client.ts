/** The tab API, called with the Teams SSO token. Types are the server's own view models. */
import type { PolicyView } from '../../../bot/src/app/sidePanel/policyView.js';
import type { PupilCheckView } from '../../../bot/src/app/sidePanel/pupilChecks.js';
import type { PupilChecksAlert, StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import type { DslReach } from '../../../bot/src/app/concerns/receiptWords.js';
import type { ConcernInput } from '../../../bot/src/app/concerns/input.js';
import type { LessonRecordView } from '../../../bot/src/app/lessonRecord/lessonTimeline.js';
import { bookingApi, type BookingApi } from './bookingClient.js';
import { schoolApi, type SchoolApi } from './schoolClient.js';
import { ApiError, poll, signedCall, type Poll } from './transport.js';

export type { ConcernInput, PolicyView, PupilChecksAlert, PupilCheckView, StatusView };
export type { LessonRecordView };
export type * from './schoolClient.js';
export type * from './bookingClient.js';
export { ApiError };

/** What the server says once a concern is logged: its reference, and whether this form had already sent it. */
export interface ConcernReceipt {
  ref: string;
  duplicate: boolean;
  /** Who Teams confirmed has it (absent for a form sent twice). */
  reach?: DslReach;
  /** The school's number for the DSL, offered when the alert could not reach them. */
  dslPhone?: string;
}

/** Who is signed in, as the server sees them. */
export interface Me {
  role: 'staff' | 'pupil';
  name: string;
}

/** A status poll: a new view, or `unchanged` when the ETag still matches. */
export type StatusPoll = Poll<StatusView>;

/** The tab API client. */
export interface Api extends SchoolApi, BookingApi {
  me(): Promise<Me>;
  policy(): Promise<PolicyView>;
  status(meetingId: string, etag?: string): Promise<StatusPoll>;
  write(
    meetingId: string,
    what: 'checklist' | 'pupil-checks' | 'register-marks' | 'breach',
    body: Record<string, unknown>,
  ): Promise<StatusView>;
  /** Logs a concern; the same `clientRequestId` sent again gives the same reference, marked `duplicate`. */
  logConcern(concern: ConcernInput): Promise<ConcernReceipt>;
  /** The register as a CSV file (a download needs the token, so it is fetched, not linked). */
  registerCsv(meetingId: string): Promise<Blob>;
  /** The lesson record: the timeline of the whole lesson (staff who were in it, and the safeguarding team). */
  lessonRecord(meetingId: string): Promise<LessonRecordView>;
}

/** Tries of one side-panel write before the person is told; every try carries the same request id. */
const WRITE_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 400;

/** A failure worth sending the same write again for: the connection dropped, or the service was briefly unavailable. */
function isTransient(err: unknown): boolean {
  if (err instanceof ApiError)
    return err.status === 408 || err.status === 502 || err.status === 503 || err.status === 504;
  return err instanceof TypeError; // fetch's network failure
}

/** A client that asks `getToken` for a fresh token on every call (Teams caches it). */
export function createApi(getToken: () => Promise<string>, base = ''): Api {
  const call = signedCall(getToken, base);
  const lesson = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;
  return {
    me: async () => (await call('/api/me')).json() as Promise<Me>,
    policy: async () => (await call('/api/policy')).json() as Promise<PolicyView>,
    status: (meetingId, etag) => poll<StatusView>(call, `${lesson(meetingId)}/status`, etag),
    async write(meetingId, what, body) {
      // One request id per action: a retry resends it, so the server applies the action once; the next action gets a
      // new one.
      const payload = JSON.stringify({ ...body, clientRequestId: crypto.randomUUID() });
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await call(`${lesson(meetingId)}/${what}`, { method: 'POST', body: payload });
          return ((await res.json()) as { status: StatusView }).status;
        } catch (err) {
          if (attempt >= WRITE_ATTEMPTS || !isTransient(err)) throw err;
          await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
        }
      }
    },
    async logConcern(concern) {
      type Answer = {
        ref: string;
        duplicate?: boolean;
        toldDsls?: number;
        unreachedDsls?: number;
        held?: boolean;
        dslPhone?: string;
      };
      const body = (await (
        await call('/api/concerns', { method: 'POST', body: JSON.stringify(concern) })
      ).json()) as Answer;
      if (body.duplicate === true) return { ref: body.ref, duplicate: true };
      const reach = {
        toldDsls: body.toldDsls ?? 0,
        unreachedDsls: body.unreachedDsls ?? 0,
        ...(body.held ? { held: true } : {}),
      };
      return { ref: body.ref, duplicate: false, reach, ...(body.dslPhone ? { dslPhone: body.dslPhone } : {}) };
    },
    registerCsv: async (meetingId) => (await call(`${lesson(meetingId)}/register.csv`)).blob(),
    lessonRecord: async (meetingId) => (await call(`${lesson(meetingId)}/record`)).json() as Promise<LessonRecordView>,
    ...schoolApi(call),
    ...bookingApi(call),
  };
}
