/**
 * Test harness for chat commands: a real botbuilder CloudAdapter (no app id, so anonymous)
 * behind a node:http server on 127.0.0.1, and a logger that keeps every line for leak checks.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { ConversationStore, Logger, StoredConversation } from '../../../bot/src/app/ports.js';
import type { ChatCommands } from '../../../bot/src/teams/messages/chatCommands.js';

/** A CloudAdapter with no app id: anonymous, no tokens, as in local mode. */
export function anonymousAdapter(): CloudAdapter {
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: '',
      MicrosoftAppTenantId: '',
    }),
  );
}

/** A logger that records every call (bindings included) as JSON text. */
export function captureLogger(): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const make = (bindings: object): Logger => {
    const record = (level: string) => (obj: object, msg?: string) =>
      void lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
    return {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return { logger: make({}), lines, text: () => lines.join('\n') };
}

/** A running bot endpoint that hands message and invoke activities to the chat commands. */
export interface BotEndpoint {
  url: string;
  adapter: CloudAdapter;
  /** POSTs an activity; resolves with the HTTP status and parsed body (the invoke response). */
  post(activity: object): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** Starts the endpoint; the turn logic mirrors what the lead's ActivityHandler does for us. */
export async function startBotEndpoint(commands: ChatCommands): Promise<BotEndpoint> {
  const adapter = anonymousAdapter();
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const logic = async (context: TurnContext) => {
    if (context.activity.type === 'message') await commands.handleMessage(context);
    if (context.activity.type === 'invoke') {
      const response = await commands.handleInvoke(context);
      await context.sendActivity({ type: 'invokeResponse', value: response ?? { status: 200 } });
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const shim = {
        socket: req.socket,
        status: (code: number) => void (res.statusCode = code),
        header: (name: string, value: string) => void res.setHeader(name, value),
        send: (payload: unknown) => {
          res.setHeader('Content-Type', 'application/json');
          res.write(typeof payload === 'string' ? payload : JSON.stringify(payload));
        },
        end: () => void res.end(),
      };
      void adapter.process({ body, headers: req.headers as Record<string, string>, method: req.method }, shim, logic);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    url,
    adapter,
    async post(activity) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An in-memory ConversationStore that keeps everything saved, for assertions. */
export function memoryConversations(): ConversationStore & { saved: StoredConversation[] } {
  const saved: StoredConversation[] = [];
  return {
    saved,
    save: async (c) => void saved.push(c),
    get: async (tenantId, key) => [...saved].reverse().find((c) => c.tenantId === tenantId && c.key === key),
  };
}
