import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { HttpServer } from '../http/server.js';

/** Starts `server` listening where `config` says; resolves with the port, or rejects with what to do if it is taken. */
export async function listen(server: HttpServer, config: Pick<Config, 'host' | 'port'>): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${config.port} on ${config.host} is already in use: stop the other program or set PORT to a free port.`,
            )
          : error,
      ),
    );
    server.listen(config.port, config.host, resolve);
  });
  return (server.address() as AddressInfo).port;
}
