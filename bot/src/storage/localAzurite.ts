import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** Azurite's well-known development account (public, documented; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running local Table Storage emulator. */
export interface LocalAzurite {
  /** Connection string for `@azure/data-tables` (http; pair with `allowInsecureConnection`). */
  connectionString: string;
  port: number;
  /** The emulator's process id (the bench reads the CPU it spends). */
  pid: number | undefined;
  /** Stops the emulator and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options for {@link startLocalAzurite}. */
export interface LocalAzuriteOptions {
  /** Folder for persisted tables; omit to keep everything in memory. */
  location?: string;
  /** Port to listen on; omit for a free one. */
  port?: number;
}

/** Finds a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function azuriteTableMain(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('azurite/package.json')), 'dist/src/table/main.js');
  } catch {
    throw new Error(
      'Azurite is not installed. Run `npm ci` (it is a devDependency), or set STORAGE_CONNECTION_STRING to a real storage account.',
    );
  }
}

/**
 * Starts Azurite's Table service from npm as a child process on 127.0.0.1, with telemetry off,
 * and resolves once it accepts connections.
 */
export async function startLocalAzurite(options: LocalAzuriteOptions = {}): Promise<LocalAzurite> {
  const port = options.port ?? (await freePort());
  const args = [
    azuriteTableMain(),
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--silent',
    '--skipApiVersionCheck',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  // Whatever way this process ends (even process.exit), the emulator it started must not outlive it.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  await waitUntilListening(child, port);
  return {
    port,
    pid: child.pid,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`,
    stop: () => stopChild(child),
  };
}

function waitUntilListening(child: ChildProcess, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`Azurite did not start on port ${port} within 30 s.\n${output}`)),
      30_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('successfully started')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => fail(new Error(`Azurite exited (code ${code}) before it was ready.\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // SIGINT is Azurite's graceful stop: it saves persisted tables before exiting.
    child.kill('SIGINT');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
