import type { Request, Response, Server } from 'restify';
import { HttpError } from '../../http/errors.js';
import type { DevTokenSigner } from '../devTokens.js';
import { hostPage } from './hostPage.js';
import { HOST_SCRIPT } from './hostScript.js';
import type { PickablePerson } from './pickablePeople.js';
import { queryOf } from '../../http/requestParts.js';

/** What the simulated Teams host needs. */
export interface TeamsHostDeps {
  /** Signs the SSO tokens the host hands the tab (the verifier trusts its JWKS in local mode). */
  signer: DevTokenSigner;
  /** The school's tenant id, put in the context and the tokens. */
  tenantId: string;
  /** Whom Teams' people picker offers (the simulator: `pickableStaff(school)`). */
  people: PickablePerson[];
}

const USER_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Mounts the simulated Teams host on the service's own origin (so a plain `app.initialize()` in
 * the tab trusts it): `/dev/host?user=<oid>&name=<name>&meeting=<id>&theme=dark&context=sidePanel`,
 * its script, the token route it uses for `authentication.getAuthToken`, and whom its people picker offers
 * (`people.selectPeople`). Local mode only: the composition root never mounts this with real credentials.
 */
export function registerTeamsHostRoutes(server: Server, deps: TeamsHostDeps): void {
  server.get('/dev/host', async (_req: Request, res: Response) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.sendRaw(200, hostPage(deps.tenantId));
  });
  server.get('/dev/host.js', async (_req: Request, res: Response) => {
    res.setHeader('content-type', 'text/javascript; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.sendRaw(200, HOST_SCRIPT);
  });
  server.get('/dev/host/people', async (_req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ people: deps.people });
  });
  server.get('/dev/host/token', async (req: Request, res: Response) => {
    const query = queryOf(req);
    const user = typeof query['user'] === 'string' ? query['user'] : '';
    const name = typeof query['name'] === 'string' ? query['name'].slice(0, 100) : '';
    if (!USER_ID.test(user))
      throw new HttpError(
        400,
        'invalidUser',
        'Add ?user=<Entra object id> to the host page address to choose who is signed in.',
      );
    res.setHeader('cache-control', 'no-store');
    res.json({ token: await deps.signer.mint({ tenantId: deps.tenantId, aadObjectId: user, name }) });
  });
}
