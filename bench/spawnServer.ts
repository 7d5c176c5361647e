/**
 * The bench side of a measured server: each one runs in its own child process
 * (`bench/serverProcess.ts`), so autocannon in the bench process never shares its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { ProcessSample, SampleRequest } from './processCost.js';

/** Which server a child runs, and the tables it may use (its own, fresh for every child). */
export type ServerSpec =
  | { kind: 'A' | 'B' | 'C' }
  | { kind: 'D'; connectionString: string; table: string }
  | { kind: 'chaperone'; connectionString: string; tablePrefix: string; clientId: string; jwksUri: string };

/** A server the bench started, with how to stop it. */
export interface Running {
  url: string;
  stop(): Promise<void>;
}

/** A server child the bench started: it can also report its CPU, memory and storage traffic. */
export interface RunningChild extends Running {
  /** Reads the child's CPU, memory and storage counters; `profile` starts a CPU profile, or ends it into that file. */
  sample(profile?: SampleRequest['profile']): Promise<ProcessSample>;
}

/** What a server child sends over IPC once it listens. */
export interface ReadyMessage {
  url: string;
}

/**
 * Starts `spec` in a child (`node --import tsx`) and resolves with its URL once it listens; a child that fails to start
 * is stopped.
 */
export async function startServerProcess(spec: ServerSpec): Promise<RunningChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serverProcess.ts'], {
    env: { ...process.env, BENCH_SERVER: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Server ${spec.kind} did not start within 60 s:\n${output}`)),
        60_000,
      );
      child.once('message', (message: ReadyMessage) => {
        clearTimeout(timer);
        resolve(message.url);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Server ${spec.kind} exited (code ${code}) before it was ready:\n${output}`));
      });
    });
    return { url, stop: () => stopChild(child), sample: (profile) => sampleOf(child, profile) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

let samples = 0;

/** Asks a server child for a {@link ProcessSample} over IPC (it answers within milliseconds unless it is stuck). */
function sampleOf(child: ChildProcess, profile: SampleRequest['profile']): Promise<ProcessSample> {
  const id = ++samples;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('A server child did not report its CPU and memory within 10 s.'));
    }, 10_000);
    const onMessage = (message: ProcessSample | ReadyMessage): void => {
      if (!('type' in message) || message.type !== 'sample' || message.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ type: 'sample', id, ...(profile ? { profile } : {}) } satisfies SampleRequest);
  });
}

/** Asks a child to stop (SIGTERM), forcing it after 3 s, and resolves once it has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
