/**
 * The four reference servers Chaperone is compared with, each the least a server of that kind can
 * do: A node:http, B restify, C a bare Bot Framework bot, D that bot plus one Table write.
 * Each runs in its own child process (`serverProcess.ts`), as Chaperone does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TableClient } from '@azure/data-tables';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';
import type { Running } from './spawnServer.js';

async function listen(server: {
  listen(port: number, host: string, done: () => void): unknown;
  address(): AddressInfo | string | null;
}): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Anchor A: node:http answering 200 with no body work at all. */
export async function startRawHttp(): Promise<Running> {
  const server = createServer((_req, res) => res.end('ok'));
  const url = await listen(server);
  return { url, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Anchor B: restify 12 with one route returning a small JSON object. */
export async function startRawRestify(): Promise<Running> {
  const server = restify.createServer();
  server.get('/ping', async (_req: restify.Request, res: restify.Response) => {
    res.json({ status: 'ok' });
  });
  const url = await listen(server);
  return { url: `${url}/ping`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Anchors C and D: a bare CloudAdapter bot on restify (anonymous, as Chaperone runs locally) whose
 * only work on a meeting event is, for D, one `createEntity` per activity.
 */
export async function startBareBot(table?: TableClient): Promise<Running> {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: '' }),
  );
  const bot = new ActivityHandler();
  bot.onEvent(async (context, next) => {
    const activity = context.activity;
    if (table) {
      await table.createEntity({
        partitionKey: activity.conversation.id,
        rowKey: activity.id ?? '',
        name: activity.name ?? '',
        at: activity.timestamp?.toString() ?? '',
      });
    }
    await next();
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req as never, res as never, (context) => bot.run(context));
  });
  const url = await listen(server);
  return { url: `${url}/api/messages`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
