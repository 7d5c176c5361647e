import type { Request, Response, Server } from 'restify';
import { lessonTimeline } from '../../app/lessonRecord/lessonTimeline.js';
import { inSafeguardingTeam, recordReader } from '../../app/lessonRecord/recordAccess.js';
import type { ConcernStore } from '../../app/concerns/ports.js';
import type { Concern } from '../../app/concerns/types.js';
import { HttpError } from '../errors.js';
import type { TabApiDeps } from './deps.js';
import { guardLesson, lessonNotFound } from './guard.js';

const NOT_YOURS =
  "Only staff who were in this lesson, and the school's safeguarding team, can open its record. If you need it, ask your DSL.";

/**
 * `GET /api/meetings/:meetingId/record`: the lesson's timeline. Staff only, inside the caller's own
 * school (another school's lesson is not found); then the record's own rule (see `recordAccess.ts`).
 */
export function registerRecordRoute(server: Server, deps: TabApiDeps): void {
  server.get('/api/meetings/:meetingId/record', async (req: Request, res: Response) => {
    const { caller, key } = await guardLesson(req, res, deps, 'viewLesson');
    const record = await deps.meetings.load(key);
    if (!record) throw lessonNotFound();
    const reader = await recordReader(deps.directory, record.state, caller.aadObjectId);
    if (!reader) throw new HttpError(403, 'notInLesson', NOT_YOURS);
    // The safeguarding team sees every concern logged from the lesson; other staff the ones they logged.
    // The directory is asked at most once: already for someone who did not take part, now for someone who did.
    const team =
      reader === 'team' ||
      (reader === 'tookPart' && (await inSafeguardingTeam(deps.directory, key.tenantId, caller.aadObjectId)));
    const concerns = deps.concerns
      ? await concernsOf(deps.concerns, key.tenantId, team ? undefined : caller.aadObjectId)
      : [];
    res.setHeader('cache-control', 'private, no-store');
    res.json(lessonTimeline(record, deps.policyFor(key.tenantId), concerns));
  });
}

/** Every concern of the school (or those one person reported), page by page. */
async function concernsOf(
  store: Pick<ConcernStore, 'list'>,
  tenantId: string,
  reporterId: string | undefined,
): Promise<Concern[]> {
  const all: Concern[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(tenantId, {
      status: 'all',
      limit: 200,
      ...(reporterId ? { reporterId } : {}),
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.concerns);
    cursor = page.next;
  } while (cursor);
  return all;
}
