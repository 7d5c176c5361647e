/**
 * A V8 CPU profile of one measured phase inside a server child (node:inspector), so a profile
 * shows the cost per event without the boot and warm-up around it. Used when BENCH_CPU_PROFILE
 * names a directory; the `.cpuprofile` files open in Chrome DevTools or VS Code.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

let session: Session | undefined;

/** Starts profiling this process (a second start restarts it). */
export async function startProfile(): Promise<void> {
  await session?.post('Profiler.stop').catch(() => undefined);
  session ??= new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}

/** Stops profiling and writes the profile to `file`; nothing happens if no profile was started. */
export async function writeProfile(file: string): Promise<void> {
  if (!session) return;
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  session = undefined;
}
