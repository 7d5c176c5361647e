import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';

/** Mounts `POST /api/messages`: botbuilder authenticates the request, then the bot runs the turn. */
export function mountBotEndpoint(server: Server, adapter: CloudAdapter, bot: { run(context: TurnContext): Promise<void> }): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    await adapter.process(req as never, res as never, (context) => bot.run(context));
  });
}
