import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { withCorrelation } from '../app/correlation.js';

/** Whether a request body can be an activity at all (botbuilder throws outside its own error handling otherwise). */
function looksLikeActivity(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { type?: unknown }).type === 'string';
}

/**
 * Mounts `POST /api/messages`: a body that is not an activity gets a 400 (so Teams does not retry
 * a poison message); otherwise botbuilder authenticates the request and the bot runs the turn.
 */
export function mountBotEndpoint(server: Server, adapter: CloudAdapter, bot: { run(context: TurnContext): Promise<void> }): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!looksLikeActivity(req.body)) {
      res.json(400, { error: { code: 'notAnActivity', message: 'The request body must be a Bot Framework activity: a JSON object with a text "type".' } });
      return;
    }
    // The server gave the request a correlation id (response header); every log line of the turn carries it.
    const id = String(res.getHeader('x-correlation-id') ?? '') || undefined;
    const turn = (): Promise<void> => adapter.process(req as never, res as never, (context) => bot.run(context));
    await (id ? withCorrelation(id, turn) : turn());
  });
}
