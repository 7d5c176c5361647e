/**
 * The school view's concerns, for the DSL (deputies and senior leaders get a sentence: seeing
 * concerns is the DSL's alone): `GET /api/school/concerns` (the queue, filtered), `GET
 * /api/school/concerns/:ref` (the chronology), `POST .../:ref/{acknowledge,level,action,close}` and
 * `GET .../:ref/export.{csv,md}`. Every step is the chat command's own use case, so the chronology,
 * the reporter's update and the outbox are the same whichever way the DSL worked.
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { acknowledgeConcern } from '../../app/concerns/acknowledgeConcern.js';
import { addConcernAction } from '../../app/concerns/addConcernAction.js';
import { closeConcern } from '../../app/concerns/closeConcern.js';
import { concernDetailView } from '../../app/concerns/concernDetail.js';
import { concernQueue, type ConcernQueueView, type QueueFilter } from '../../app/concerns/concernQueue.js';
import { EXPORT_FORMATS, exportConcern } from '../../app/concerns/exportConcern.js';
import type { Outcome } from '../../app/concerns/outcome.js';
import type { ConcernNotifier, ConcernStore } from '../../app/concerns/ports.js';
import { parseConcernRef } from '../../app/concerns/reference.js';
import { setConcernLevel } from '../../app/concerns/setConcernLevel.js';
import type { TriageDeps } from '../../app/concerns/triage.js';
import { showConcern } from '../../app/concerns/showConcern.js';
import { CONCERN_CATEGORIES, type Concern } from '../../app/concerns/types.js';
import { resolveViewer } from '../../app/concerns/viewer.js';
import { can, REFUSALS, type Viewer } from '../../app/permissions.js';
import type { Policy } from '../../domain/policy/schema.js';
import { HttpError } from '../errors.js';
import type { TabApiDeps } from './deps.js';
import { guardSchool } from './schoolRoutes.js';
import { queryOf } from '../requestParts.js';

/** What the concern routes need beyond the tab API's own dependencies: the whole store and the notifier. */
export interface SchoolConcernDeps {
  store: ConcernStore;
  notifier: ConcernNotifier;
}

const DSL_ONLY =
  "Only the Designated Safeguarding Lead sees the school's safeguarding concerns. " +
  'If you need to know about one, ask your DSL.';
const PAGE = 200;

const filterQuery = z.object({
  status: z.enum(['open', 'all']).default('open'),
  pupil: z.string().max(200).optional(),
  category: z.enum(CONCERN_CATEGORIES).optional(),
  lesson: z.string().max(200).optional(),
  reporter: z.string().max(200).optional(),
});

const note = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Write the ${what} first.`)
    .max(4000, `Please keep the ${what} under 4000 characters; split it into two notes.`);

/** What every triage step is run with: the chat commands' own dependencies, who asks, which concern. */
interface StepContext {
  triage: TriageDeps & { notifier: ConcernNotifier };
  policy: Policy;
  viewer: Viewer;
  ref: string;
}
type Step = (ctx: StepContext, body: unknown) => Promise<Outcome<{ concern: Concern }>>;

/** A step that reads its body at the edge (400 with a sentence when it cannot), then runs its use case. */
function step<B>(body: z.ZodType<B>, run: (ctx: StepContext, body: B) => Promise<Outcome<{ concern: Concern }>>): Step {
  return (ctx, raw) => {
    const parsed = body.safeParse(raw ?? {});
    if (!parsed.success)
      throw new HttpError(400, 'badStep', parsed.error.issues[0]?.message ?? 'That could not be read; try again.');
    return run(ctx, parsed.data);
  };
}

/** The DSL's triage steps, by the last part of their URL: the body each takes, and the chat command's use case. */
const STEPS: Record<string, Step> = {
  acknowledge: step(z.strictObject({}), (c) => acknowledgeConcern(c.triage, c.viewer, c.ref)),
  level: step(z.strictObject({ level: z.string().trim().min(1, 'Choose a level first.').max(100) }), (c, b) =>
    setConcernLevel(c.triage, c.viewer, c.ref, b.level, c.policy),
  ),
  action: step(z.strictObject({ text: note('action or note') }), (c, b) =>
    addConcernAction(c.triage, c.viewer, c.ref, b.text),
  ),
  close: step(z.strictObject({ outcome: note('outcome') }), (c, b) =>
    closeConcern(c.triage, c.viewer, c.ref, b.outcome),
  ),
};

/** Registers the school view's concern routes. */
export function registerSchoolConcernRoutes(server: Server, deps: TabApiDeps, concerns: SchoolConcernDeps): void {
  server.get('/api/school/concerns', async (req: Request, res: Response) => {
    const viewer = await guardDsl(req, res, deps);
    const parsed = filterQuery.safeParse(queryOf(req));
    if (!parsed.success)
      throw new HttpError(400, 'badFilter', 'Those filters could not be read; clear them and try again.');
    const filter: QueueFilter = parsed.data;
    const view: ConcernQueueView = {
      concerns: concernQueue(await everyConcern(concerns.store, viewer.tenantId, filter.status), filter),
      timeZone: deps.policyFor(viewer.tenantId).school.timeZone,
    };
    res.setHeader('cache-control', 'no-store');
    res.json(view);
  });

  server.get('/api/school/concerns/:ref', async (req: Request, res: Response) => {
    const viewer = await guardDsl(req, res, deps);
    const ref = refOf(req);
    answer(res, deps, viewer, ref, await showConcern({ store: concerns.store }, viewer, ref));
  });

  const triage = { ...concerns, clock: deps.clock, logger: deps.logger };
  for (const [name, run] of Object.entries(STEPS)) {
    server.post(`/api/school/concerns/:ref/${name}`, async (req: Request, res: Response) => {
      const viewer = await guardDsl(req, res, deps);
      const ref = refOf(req);
      const result = await run({ triage, policy: deps.policyFor(viewer.tenantId), viewer, ref }, req.body);
      answer(res, deps, viewer, ref, result.ok ? { ok: true, value: result.value.concern } : result);
    });
  }

  for (const format of EXPORT_FORMATS) {
    server.get(`/api/school/concerns/:ref/export.${format}`, async (req: Request, res: Response) => {
      const viewer = await guardDsl(req, res, deps);
      const ref = refOf(req);
      const logger = deps.logger;
      const policy = deps.policyFor(viewer.tenantId);
      const file = await exportConcern({ store: concerns.store, logger }, viewer, ref, format, policy);
      if (!file.ok) throw refusal(ref, file.message);
      res.setHeader('content-type', `${file.value.mimeType}; charset=utf-8`);
      res.setHeader('content-disposition', `attachment; filename="${file.value.filename}"`);
      res.setHeader('cache-control', 'private, no-store');
      // The byte-order mark tells spreadsheet programs the file is UTF-8 (names with accents read right).
      res.sendRaw(200, format === 'csv' ? `\uFEFF${file.value.content}` : file.value.content);
    });
  }
}

/** Sign-in (401), the safeguarding team (403, from the school view's guard), then the DSL only (403). */
async function guardDsl(req: Request, res: Response, deps: TabApiDeps): Promise<Viewer> {
  const { caller, as } = await guardSchool(req, res, deps);
  const person = { tenantId: caller.tenantId, aadObjectId: caller.aadObjectId, teamsId: '', name: caller.name };
  const viewer: Viewer = { ...(await resolveViewer(deps.directory, person)), team: as };
  if (!can(viewer, 'listAll')) throw new HttpError(403, 'dslOnly', DSL_ONLY);
  return viewer;
}

/** Every concern of the school with the status asked for, page by page (the store reads one tenant only). */
async function everyConcern(store: ConcernStore, tenantId: string, status: 'open' | 'all'): Promise<Concern[]> {
  const all: Concern[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(tenantId, { status, limit: PAGE, ...(cursor ? { cursor } : {}) });
    all.push(...page.concerns);
    cursor = page.next;
  } while (cursor);
  return all;
}

/** The reference in the URL, or 404: anything that cannot be a reference names no concern. */
function refOf(req: Request): string {
  const typed = (req.params as Record<string, string | undefined>)['ref'] ?? '';
  const ref = parseConcernRef(typed);
  if (!ref) throw notFound(typed.slice(0, 20));
  return ref;
}

/** The concern as the school view shows it, or the use case's refusal. */
function answer(res: Response, deps: TabApiDeps, viewer: Viewer, ref: string, result: Outcome<Concern>): void {
  if (!result.ok) throw refusal(ref, result.message);
  res.setHeader('cache-control', 'no-store');
  res.json(concernDetailView(result.value, viewer, deps.policyFor(viewer.tenantId)));
}

/** 404 when the school has no such concern (another school's reads the same), else 403 with the use case's sentence. */
function refusal(ref: string, message: string): HttpError {
  return message === REFUSALS.notFound(ref) ? notFound(ref) : new HttpError(403, 'refused', message);
}

function notFound(ref: string): HttpError {
  return new HttpError(
    404,
    'concernNotFound',
    `Your school has no concern ${ref}. Check the reference, or find it in the list of concerns.`,
  );
}
