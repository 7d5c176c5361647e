import type { Request, Response, Server } from 'restify';
import type { FakeConnectorCore } from './fakeConnector.js';

/** Where the simulator's fake connector lives on the service's own origin. */
export const CONNECTOR_PATH = '/dev/connector';

/**
 * Mounts the fake connector under {@link CONNECTOR_PATH}, so activities the simulator sends carry
 * `serviceUrl = <origin>/dev/connector/` and everything the bot sends back lands in its record.
 */
export function mountFakeConnector(server: Server, connector: FakeConnectorCore): void {
  const handle = async (req: Request, res: Response): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    const reply = connector.handle({
      method: req.method ?? 'GET',
      path: url.pathname.slice(CONNECTOR_PATH.length) || '/',
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: req.body as unknown,
    });
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    if (reply.body === undefined) {
      res.status(reply.status);
      res.end();
      return;
    }
    res.json(reply.status, reply.body);
  };
  for (const method of ['get', 'post', 'put', 'del'] as const) server[method](`${CONNECTOR_PATH}/*`, handle);
}
