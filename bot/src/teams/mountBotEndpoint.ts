import type { TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { correlationIdOf } from '../http/correlation.js';
import type { EndpointAdapter } from './endpointAdapter.js';
import type { TenantGate } from './tenantGate.js';
import { setTurnCorrelation } from './turnLogger.js';

const TENANT_REFUSED = {
  error: {
    code: 'tenantNotServed',
    message:
      'This activity comes from a Microsoft 365 organisation this Chaperone does not serve, so nothing was kept or sent. ' +
      "If it should serve that organisation, the school's IT admin adds its tenant id to AAD_APP_ALLOWED_TENANTS.",
  },
};

/** Whether a request body can be an activity at all (botbuilder throws outside its own error handling otherwise). */
function looksLikeActivity(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    typeof (body as { type?: unknown }).type === 'string'
  );
}

/**
 * Mounts `POST /api/messages`: a body that is not an activity gets a 400 (so Teams does not retry
 * a poison message); otherwise botbuilder authenticates the request (401 when it fails), an
 * activity from a tenant the school does not serve gets a 403 with nothing stored or sent, and the
 * bot runs the turn.
 */
export function mountBotEndpoint(
  server: Server,
  adapter: EndpointAdapter,
  bot: { run(context: TurnContext): Promise<void> },
  tenants: TenantGate,
): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!looksLikeActivity(req.body)) {
      res.json(400, {
        error: {
          code: 'notAnActivity',
          message: 'The request body must be a Bot Framework activity: a JSON object with a text "type".',
        },
      });
      return;
    }
    // The server gave the request its correlation id; the turn's log lines and the adapter's carry it.
    const id = correlationIdOf(req);
    // Asked inside the turn, after botbuilder has authenticated the request: an unsigned caller learns nothing about
    // tenants.
    let refused = false;
    const run = async (context: TurnContext): Promise<void> => {
      setTurnCorrelation(context, id);
      refused = !tenants.admits(context.activity);
      if (!refused) await bot.run(context);
    };
    const answer = await adapter.handle(
      req.header('authorization') ?? '',
      req.body as Record<string, unknown>,
      run,
      id,
    );
    // botbuilder lets a turn choose its status only for invokes, so a refused tenant's 403 is set here.
    if (refused) res.json(403, TENANT_REFUSED);
    else if (answer.body) res.send(answer.status, answer.body);
    else res.send(answer.status);
  });
}
