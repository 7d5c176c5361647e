/** The tab's download size and the service's start-up cost: measured without load. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stopChild } from './spawnServer.js';

/** The tab's initial JavaScript: what the browser fetches before first paint. */
export interface TabSize {
  files: string[];
  rawKb: number;
  gzipKb: number;
}

/** Sums the entry script and its module preloads from `tab/dist/index.html`, gzipped with node:zlib defaults. */
export function tabInitialJs(dist = 'tab/dist'): TabSize {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [
    ...[...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]!),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((m) => m[1]!),
  ];
  const unique = [...new Set(files)].map((src) => src.replace(/^\/?(tab\/)?/, ''));
  let raw = 0;
  let gzip = 0;
  for (const file of unique) {
    const bytes = readFileSync(join(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: unique, rawKb: round(raw / 1024), gzipKb: round(gzip / 1024) };
}

/** Start-up cost of the real entry point. */
export interface BootCost {
  /** From spawn until the service logged that it is listening. */
  bootMs: number;
  /** Resident memory after it sat idle for `idleMs`. */
  idleRssMb: number;
  idleMs: number;
}

/**
 * Spawns `node --import tsx bot/src/index.ts` (TypeScript transpiled on the fly, as `npm start`
 * runs locally) against the bench's Azurite with its own tables, times it to "Chaperone is running",
 * lets it idle, reads its RSS from /proc, then stops it.
 */
export async function measureBoot(connectionString: string, idleMs = 3000): Promise<BootCost> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      STORAGE_CONNECTION_STRING: connectionString,
      STORAGE_TABLE_PREFIX: `boot${Date.now().toString(36)}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const bootMs = await new Promise<number>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`the service did not start within 60 s:\n${output.slice(-2000)}`)),
        60_000,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Chaperone is running')) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the service exited (code ${code}) before it was ready:\n${output.slice(-2000)}`));
      });
    });
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return { bootMs: Math.round(bootMs), idleRssMb: round(rssKb / 1024), idleMs };
  } finally {
    await stopChild(child);
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
