import type { Request, Response, Server } from 'restify';
import { logConcern } from '../app/concerns/logConcern.js';
import type { ConcernNotifier, ConcernStore } from '../app/concerns/ports.js';
import { resolveViewer } from '../app/concerns/viewer.js';
import type { Clock, Logger, MeetingStore, ParticipantDirectory } from '../app/ports.js';
import type { Policy } from '../domain/policy/schema.js';
import { authenticate } from './auth/bearer.js';
import type { SsoVerifier } from './auth/ssoVerifier.js';

/** What the tab's concern form needs. */
export interface ConcernRouteDeps {
  concerns: ConcernStore;
  notifier: ConcernNotifier;
  directory: ParticipantDirectory;
  verifier: SsoVerifier;
  clock: Clock;
  logger: Logger;
  /** The school's lessons: a concern from a lesson's panel carries that lesson's title and start time. */
  meetings: Pick<MeetingStore, 'listMeetings' | 'load'>;
  /** The school's policy, for the DSL phone number the receipt offers when the alert could not reach a DSL. */
  policyFor(tenantId: string): Policy;
}

/**
 * `POST /api/concerns`: the side panel's "Log a concern" form. The same use case as the bot's
 * `concern` card, so the DSL alert, the reference and the once-per-form rule are identical.
 */
export function registerConcernRoutes(server: Server, deps: ConcernRouteDeps): void {
  server.post('/api/concerns', async (req: Request, res: Response) => {
    const caller = await authenticate(req, res, deps.verifier, deps.logger);
    const viewer = await resolveViewer(deps.directory, {
      tenantId: caller.tenantId,
      aadObjectId: caller.aadObjectId,
      teamsId: caller.aadObjectId,
      name: caller.name,
    });
    const escalation = deps.policyFor(viewer.tenantId).escalation;
    const result = await logConcern(
      {
        store: deps.concerns,
        notifier: deps.notifier,
        directory: deps.directory,
        meetings: deps.meetings,
        escalation,
        clock: deps.clock,
        logger: deps.logger,
      },
      viewer,
      req.body,
    );
    res.setHeader('cache-control', 'no-store');
    switch (result.outcome) {
      case 'refused':
        res.json(403, { error: { code: 'forbidden', message: result.message } });
        return;
      case 'invalid':
        res.json(400, {
          error: { code: 'invalid', message: 'Some answers need another look; see each field.', fields: result.errors },
        });
        return;
      case 'duplicate':
        res.json(200, { ref: result.concern.ref, duplicate: true });
        return;
      case 'conflict':
        res.json(409, { error: { code: 'requestIdReused', message: result.message } });
        return;
      case 'logged':
        // 202 while held: accepted and kept on this server, filed once storage is back.
        res.json(result.held ? 202 : 201, {
          ref: result.concern.ref,
          toldDsls: result.toldDsls,
          unreachedDsls: result.unreachedDsls,
          ...(result.held ? { held: true } : {}),
          ...dslPhoneOf(deps, caller.tenantId),
        });
    }
  });
}

/** The DSL phone number of the caller's own school, when it gave one. */
function dslPhoneOf(deps: ConcernRouteDeps, tenantId: string): { dslPhone?: string } {
  const phone = deps.policyFor(tenantId).dsl.phone;
  return phone ? { dslPhone: phone } : {};
}
