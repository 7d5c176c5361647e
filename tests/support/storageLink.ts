import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../bot/src/storage/localAzurite.js';

/** A TCP link to a running Azurite that a test can cut (connections refused) and restore on the same port. */
export interface StorageLink {
  /** A connection string that reaches Azurite through the link. */
  connectionString: string;
  /** Closes the port and every open connection: storage is unreachable. */
  cut(): Promise<void>;
  /** Opens the port again. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Puts a link between the service and Azurite. Unlike stopping Azurite, the data stays exactly as
 * it was, so a test can tell "the service lost it" from "the emulator did not save it".
 */
export async function storageLink(azurite: { port: number; connectionString: string }): Promise<StorageLink> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(azurite.port, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', resolve);
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });
  await open();
  return {
    connectionString: azurite.connectionString.replace(`:${azurite.port}/`, `:${port}/`),
    cut: shut,
    restore: open,
    close: shut,
  };
}
