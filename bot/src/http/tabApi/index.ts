import type { Request, Response, Server } from 'restify';
import { buildStatusView } from '../../app/sidePanel/buildStatusView.js';
import { buildPolicyView } from '../../app/sidePanel/policyView.js';
import { recordStaffAction, StaffActionRefused } from '../../app/sidePanel/recordStaffAction.js';
import type { MeetingRecord } from '../../app/ports.js';
import { authenticate } from '../auth/bearer.js';
import { HttpError } from '../errors.js';
import { authorize, roleOf } from './access.js';
import { WRITE_BODIES } from './bodies.js';
import type { TabApiDeps } from './deps.js';
import { guardLesson, lessonNotFound, type Guarded } from './guard.js';
import { registerCsv, registerFileName } from './registerCsv.js';
import { registerRecordRoute } from './recordRoute.js';
import { StatusBodies } from './statusBodies.js';
import { answeredNotModified, statusTag } from './statusTag.js';

export type { TabApiDeps } from './deps.js';

/**
 * The side panel's API: `GET /api/me`, `GET /api/policy`, `GET .../status` (ETag, 304), `GET .../register.csv`, `GET
 * .../record` (the lesson record), and the
 * four staff writes. Every lesson handler starts with {@link guardLesson} (sign-in, staff only, key
 * in the caller's own tenant); writes go through the same use case as Teams' events.
 */
export function registerTabApi(server: Server, deps: TabApiDeps): void {
  const statusBodies = new StatusBodies();
  server.get('/api/me', async (req: Request, res: Response) => {
    const caller = await authenticate(req, res, deps.verifier, deps.logger);
    const role = await roleOf(deps.directory, caller);
    res.setHeader('cache-control', 'no-store');
    res.json({ role: role === 'staff' ? 'staff' : 'pupil', name: caller.name, tenantId: caller.tenantId });
  });

  server.get('/api/policy', async (req: Request, res: Response) => {
    const caller = await authenticate(req, res, deps.verifier, deps.logger);
    await authorize(deps.directory, caller, 'viewPolicy');
    res.setHeader('cache-control', 'private, no-cache');
    res.json(buildPolicyView(deps.policyFor(caller.tenantId)));
  });

  server.get('/api/meetings/:meetingId/status', async (req: Request, res: Response) => {
    const guarded = await guardLesson(req, res, deps, 'viewLesson');
    const record = await loadRecord(deps, guarded);
    const policy = deps.policyFor(guarded.key.tenantId);
    const now = deps.clock.now();
    // The tag is known before the view: an unchanged lesson is answered without building or serialising it.
    const etag = statusTag(record, policy, now);
    if (answeredNotModified(req, res, etag)) return;
    const body = statusBodies.body(guarded.key, etag, () => buildStatusView(record, policy, now));
    res.setHeader('content-type', 'application/json');
    res.sendRaw(200, body);
  });

  server.get('/api/meetings/:meetingId/register.csv', async (req: Request, res: Response) => {
    const guarded = await guardLesson(req, res, deps, 'exportRegister');
    const view = buildStatusView(
      await loadRecord(deps, guarded),
      deps.policyFor(guarded.key.tenantId),
      deps.clock.now(),
    );
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${registerFileName(view)}"`);
    res.setHeader('cache-control', 'private, no-store');
    res.sendRaw(200, `\uFEFF${registerCsv(view)}`);
  });

  registerRecordRoute(server, deps);

  for (const [segment, parseBody] of Object.entries(WRITE_BODIES)) {
    server.post(`/api/meetings/:meetingId/${segment}`, async (req: Request, res: Response) => {
      const guarded = await guardLesson(req, res, deps, 'changeLesson');
      const write = parseBody(req.body);
      const request = {
        callerId: guarded.caller.aadObjectId,
        endpoint: `${guarded.key.meetingId}/${segment}`,
        key: write.clientRequestId,
      };
      try {
        const result = await recordStaffAction(deps, guarded.key, request, write.action);
        deps.logger.info({ action: write.action.kind, outcome: result.outcome }, 'staff action recorded');
        // The lesson as it is after delivery was tried (served from the shared cache), so the answer says what Teams
        // confirmed.
        const latest = (await deps.meetings.load(guarded.key)) ?? result.record;
        const view = buildStatusView(latest, deps.policyFor(guarded.key.tenantId), deps.clock.now());
        res.json({ outcome: result.outcome, status: view });
      } catch (err) {
        if (err instanceof StaffActionRefused)
          throw new HttpError(err.reason === 'requestIdReused' ? 409 : 404, err.reason, err.message);
        throw err;
      }
    });
  }
}

/** The lesson's stored snapshot, or 404 (also for another school's lesson: the key is always the caller's tenant). */
async function loadRecord(deps: TabApiDeps, { key }: Guarded): Promise<MeetingRecord> {
  const record = await deps.meetings.load(key);
  if (!record) throw lessonNotFound();
  return record;
}
