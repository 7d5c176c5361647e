/** The tab API, called with the Teams SSO token. Types are the server's own view models. */
import type { PolicyView } from '../../../bot/src/app/sidePanel/policyView.js';
import type { PupilCheckView } from '../../../bot/src/app/sidePanel/pupilChecks.js';
import type { PupilChecksAlert, StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import type { DslReach } from '../../../bot/src/app/concerns/receiptWords.js';
import type { ConcernInput } from '../../../bot/src/app/concerns/input.js';
import type { LessonRecordView } from '../../../bot/src/app/lessonRecord/lessonTimeline.js';
import type { OpenAlert, SchoolNowView, SchoolViewer } from '../../../bot/src/app/schoolView/schoolViewModel.js';

export type { ConcernInput, PolicyView, PupilChecksAlert, PupilCheckView, StatusView };
export type { LessonRecordView };
export type { OpenAlert, SchoolNowView, SchoolViewer };

/** A failed call, with the server's sentence for the person (and one per field for a form the server refused). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Partial<Record<string, string>> = {},
  ) {
    super(message);
  }
}

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
export type StatusPoll = { kind: 'changed'; view: StatusView; etag?: string } | { kind: 'unchanged' };

/** A school view poll: a new view, or `unchanged` when the ETag still matches. */
export type SchoolPoll = { kind: 'changed'; view: SchoolNowView; etag?: string } | { kind: 'unchanged' };

/** "I'm dealing with it": `taken` by the caller, or `alreadyTaken` by the person named. */
export interface AlertTaken {
  outcome: 'taken' | 'alreadyTaken';
  name: string;
  at: number;
}

/** The tab API client. */
export interface Api {
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
  /** Who is asking for the school view (403 `leadersOnly` for anyone not on the safeguarding team). */
  schoolViewer(): Promise<SchoolViewer>;
  /** The whole school now, with `If-None-Match`. */
  schoolNow(etag?: string): Promise<SchoolPoll>;
  /** Takes a critical alert; someone who took it first is named (`alreadyTaken`), not an error. */
  takeAlert(alert: Pick<OpenAlert, 'meetingId' | 'findingKey' | 'raisedAt'>): Promise<AlertTaken>;
}

const FALLBACK = 'Chaperone could not be reached; check your connection and try again.';

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
  /** `answers`: statuses besides 2xx and 304 whose body the caller reads itself. */
  async function call(path: string, init: RequestInit = {}, answers: readonly number[] = []): Promise<Response> {
    const token = await getToken();
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (init.body) headers.set('content-type', 'application/json');
    const res = await fetch(`${base}${path}`, { ...init, headers });
    if (res.ok || res.status === 304 || answers.includes(res.status)) return res;
    let error: { code?: string; message?: string; fields?: Partial<Record<string, string>> } | undefined;
    try {
      error = ((await res.json()) as { error?: typeof error }).error;
    } catch {
      // Not our JSON (a proxy error page): keep the fallback sentence.
    }
    throw new ApiError(res.status, error?.code ?? 'unknown', error?.message ?? FALLBACK, error?.fields ?? {});
  }
  const lesson = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;
  return {
    me: async () => (await call('/api/me')).json() as Promise<Me>,
    policy: async () => (await call('/api/policy')).json() as Promise<PolicyView>,
    async status(meetingId, etag) {
      const res = await call(`${lesson(meetingId)}/status`, { headers: etag ? { 'if-none-match': etag } : {} });
      if (res.status === 304) return { kind: 'unchanged' };
      return { kind: 'changed', view: (await res.json()) as StatusView, etag: res.headers.get('etag') ?? undefined };
    },
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
    schoolViewer: async () => (await call('/api/school/me')).json() as Promise<SchoolViewer>,
    async schoolNow(etag) {
      const res = await call('/api/school/now', { headers: etag ? { 'if-none-match': etag } : {} });
      if (res.status === 304) return { kind: 'unchanged' };
      return { kind: 'changed', view: (await res.json()) as SchoolNowView, etag: res.headers.get('etag') ?? undefined };
    },
    async takeAlert({ meetingId, findingKey, raisedAt }) {
      const body = JSON.stringify({ meetingId, findingKey, raisedAt });
      const res = await call('/api/school/alerts/acknowledge', { method: 'POST', body }, [409]);
      const { acknowledged } = (await res.json()) as { acknowledged?: { name: string; at: number } };
      if (!acknowledged) throw new ApiError(res.status, 'unknown', FALLBACK);
      return { outcome: res.status === 409 ? 'alreadyTaken' : 'taken', ...acknowledged };
    },
  };
}
