/**
 * The school view's API, for the safeguarding team only (DSLs, deputies, senior leaders; anyone
 * else gets 403 with a sentence): `GET /api/school/me`, `GET /api/school/now` (one request for the
 * whole school, ETag and 304), and `POST /api/school/alerts/acknowledge` ("I'm dealing with it",
 * the same use case as the alert card's button).
 */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { AcknowledgeInput, AcknowledgeOutcome, Acknowledger } from '../../app/delivery/acknowledgeAlert.js';
import { teamRoleOf, type TeamRole } from '../../app/directory/safeguardingTeam.js';
import type { BoardReader } from '../../app/schoolView/boardReader.js';
import { schoolNowView } from '../../app/schoolView/schoolNow.js';
import { can } from '../../app/permissions.js';
import type { SchoolViewer } from '../../app/schoolView/schoolViewModel.js';
import { authenticate } from '../auth/bearer.js';
import type { Caller } from '../auth/ssoVerifier.js';
import { HttpError } from '../errors.js';
import type { TabApiDeps } from './deps.js';
import { answeredNotModified } from './statusTag.js';
import { registerSchoolConcernRoutes, type SchoolConcernDeps } from './schoolConcernRoutes.js';
import { registerSchoolReportRoutes, type SchoolReportDeps } from './schoolReportRoutes.js';

/** What the school view's routes need beyond the tab API's own dependencies. */
export interface SchoolViewDeps {
  board: BoardReader;
  acknowledge(who: Acknowledger, input: AcknowledgeInput): Promise<AcknowledgeOutcome>;
  /** The school's concerns and the notifier, for the DSL's queue and triage. */
  concerns: SchoolConcernDeps;
  /** The board's past days, for the lesson list and the week's report. */
  report: SchoolReportDeps;
}

const LEADERS_ONLY =
  "The school view is for the school's safeguarding team: the DSL, the deputies and senior leaders. " +
  'If you should have it, ask your IT team to add you to the right list.';
const ALERT_OVER = 'This alert is over: what caused it has stopped, or it was raised again since. Nothing to do here.';

const acknowledgeBody = z.strictObject({
  meetingId: z.string().min(1).max(1024),
  findingKey: z.string().min(1).max(512),
  raisedAt: z.number().int().nonnegative(),
});

/** Registers the school view's routes. */
export function registerSchoolRoutes(server: Server, deps: TabApiDeps, school: SchoolViewDeps): void {
  server.get('/api/school/me', async (req: Request, res: Response) => {
    const { caller, as } = await guardSchool(req, res, deps);
    res.setHeader('cache-control', 'no-store');
    res.json({ name: caller.name, as } satisfies SchoolViewer);
  });

  server.get('/api/school/now', async (req: Request, res: Response) => {
    const { caller } = await guardSchool(req, res, deps);
    const policy = deps.policyFor(caller.tenantId);
    const now = deps.clock.now();
    const read = await school.board.today(caller.tenantId, policy.school.timeZone);
    // The board and the minute decide the view (upcoming lessons come and go with the clock).
    const etag = `"${read.tag}.${Math.floor(now / 60_000)}"`;
    if (answeredNotModified(req, res, etag)) return;
    res.json(schoolNowView(read.entries, policy, now));
  });

  server.post('/api/school/alerts/acknowledge', async (req: Request, res: Response) => {
    const { caller } = await guardSchool(req, res, deps);
    const parsed = acknowledgeBody.safeParse(req.body);
    if (!parsed.success)
      throw new HttpError(400, 'badAlert', 'That alert could not be read; reload the school view and try again.');
    const who = { tenantId: caller.tenantId, aadObjectId: caller.aadObjectId, name: caller.name };
    const outcome = await school.acknowledge(who, parsed.data);
    if (outcome.outcome === 'refused') throw new HttpError(403, 'leadersOnly', LEADERS_ONLY);
    if (outcome.outcome === 'over') throw new HttpError(410, 'alertOver', ALERT_OVER);
    res.setHeader('cache-control', 'no-store');
    if (outcome.outcome === 'taken') {
      res.json({ acknowledged: { name: caller.name, at: outcome.at } });
      return;
    }
    res.status(409);
    res.json({
      error: { code: 'alreadyTaken', message: `${outcome.name} is dealing with it.` },
      acknowledged: { name: outcome.name, at: outcome.at },
    });
  });
  registerSchoolConcernRoutes(server, deps, school.concerns);
  registerSchoolReportRoutes(server, deps, school.report);
}

/** Sign-in (401), then the safeguarding team only (403). */
export async function guardSchool(
  req: Request,
  res: Response,
  deps: TabApiDeps,
): Promise<{ caller: Caller; as: TeamRole }> {
  const caller = await authenticate(req, res, deps.verifier, deps.logger);
  const team = await teamRoleOf(deps.directory, caller.tenantId, caller.aadObjectId);
  const viewer = {
    tenantId: caller.tenantId,
    aadObjectId: caller.aadObjectId,
    name: caller.name,
    standing: 'staff' as const,
  };
  if (!team || !can({ ...viewer, team }, 'seeSchool')) throw new HttpError(403, 'leadersOnly', LEADERS_ONLY);
  return { caller, as: team };
}
