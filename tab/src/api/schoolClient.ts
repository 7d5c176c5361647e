/** The school view's API (the safeguarding team only), with the server's own view models. */
import type { ConcernDetailView } from '../../../bot/src/app/concerns/concernDetail.js';
import type { ConcernQueueView, QueueFilter } from '../../../bot/src/app/concerns/concernQueue.js';
import type { PastLessonsView } from '../../../bot/src/app/schoolView/pastLessons.js';
import type { OpenAlert, SchoolNowView, SchoolViewer } from '../../../bot/src/app/schoolView/schoolViewModel.js';
import type { WeekReport } from '../../../bot/src/app/schoolView/weekReport.js';
import { ApiError, FALLBACK, poll, withQuery, type Call, type Poll } from './transport.js';

export type { ConcernDetailView, ConcernQueueView, OpenAlert, PastLessonsView, QueueFilter, SchoolNowView };
export type { SchoolViewer, WeekReport };

/** A school view poll: a new view, or `unchanged` when the ETag still matches. */
export type SchoolPoll = Poll<SchoolNowView>;

/** "I'm dealing with it": `taken` by the caller, or `alreadyTaken` by the person named. */
export interface AlertTaken {
  outcome: 'taken' | 'alreadyTaken';
  name: string;
  at: number;
}

/** One DSL triage step on a concern, as the school view sends it. */
export type ConcernStep =
  | { kind: 'acknowledge' }
  | { kind: 'level'; level: string }
  | { kind: 'action'; text: string }
  | { kind: 'close'; outcome: string };

/** What the lesson list asks for (empty values are left out); `critical: '1'`: had a serious alert. */
export type LessonSearchQuery = Partial<Record<'from' | 'to' | 'organizer' | 'q' | 'critical', string>>;

/** The school view's calls. */
export interface SchoolApi {
  /** Who is asking for the school view (403 `leadersOnly` for anyone not on the safeguarding team). */
  schoolViewer(): Promise<SchoolViewer>;
  /** The whole school now, with `If-None-Match`. */
  schoolNow(etag?: string): Promise<SchoolPoll>;
  /** Takes a critical alert; someone who took it first is named (`alreadyTaken`), not an error. */
  takeAlert(alert: Pick<OpenAlert, 'meetingId' | 'findingKey' | 'raisedAt'>): Promise<AlertTaken>;
  /** The DSL's concern queue, filtered as typed (403 `dslOnly` for anyone but the DSL, with a sentence). */
  schoolConcerns(filter: Partial<Record<keyof QueueFilter, string>>): Promise<ConcernQueueView>;
  /** One concern of the school: its summary and whole chronology. */
  schoolConcern(ref: string): Promise<ConcernDetailView>;
  /** A triage step (the chat command's use case); answers with the concern as it now stands. */
  triageConcern(ref: string, step: ConcernStep): Promise<ConcernDetailView>;
  /** A concern's record as a file for the school's system (a download needs the token, so it is fetched). */
  exportConcern(ref: string, format: 'csv' | 'md'): Promise<Blob>;
  /** Past lessons of the caller's school between two dates (at most 31 days), searched, newest first. */
  schoolLessons(search: LessonSearchQuery): Promise<PastLessonsView>;
  /** "This week" from `start` (a Monday; by default this week where the school is). */
  schoolWeek(start?: string): Promise<WeekReport>;
  /** The week as a CSV file (a download needs the token, so it is fetched). */
  schoolWeekCsv(start: string): Promise<Blob>;
}

/** The school view's calls over `call`. */
export function schoolApi(call: Call): SchoolApi {
  const concern = (ref: string) => `/api/school/concerns/${encodeURIComponent(ref)}`;
  return {
    schoolViewer: async () => (await call('/api/school/me')).json() as Promise<SchoolViewer>,
    schoolNow: (etag) => poll<SchoolNowView>(call, '/api/school/now', etag),
    async takeAlert({ meetingId, findingKey, raisedAt }) {
      const body = JSON.stringify({ meetingId, findingKey, raisedAt });
      const res = await call('/api/school/alerts/acknowledge', { method: 'POST', body }, [409]);
      const { acknowledged } = (await res.json()) as { acknowledged?: { name: string; at: number } };
      if (!acknowledged) throw new ApiError(res.status, 'unknown', FALLBACK);
      return { outcome: res.status === 409 ? 'alreadyTaken' : 'taken', ...acknowledged };
    },
    schoolConcerns: async (filter) =>
      (await call(withQuery('/api/school/concerns', filter))).json() as Promise<ConcernQueueView>,
    schoolConcern: async (ref) => (await call(concern(ref))).json() as Promise<ConcernDetailView>,
    async triageConcern(ref, { kind, ...body }) {
      const res = await call(`${concern(ref)}/${kind}`, { method: 'POST', body: JSON.stringify(body) });
      return (await res.json()) as ConcernDetailView;
    },
    exportConcern: async (ref, format) => (await call(`${concern(ref)}/export.${format}`)).blob(),
    schoolLessons: async (search) =>
      (await call(withQuery('/api/school/lessons', search))).json() as Promise<PastLessonsView>,
    schoolWeek: async (start) => (await call(withQuery('/api/school/week', { start }))).json() as Promise<WeekReport>,
    schoolWeekCsv: async (start) => (await call(withQuery('/api/school/week.csv', { start }))).blob(),
  };
}
