/**
 * The CPU the storage emulator spends: on a 2-core machine the server, Azurite and the load generator share the cores,
 * so what Azurite spends on each event limits the rate as much as the server's own CPU does.
 */
import pidusage from 'pidusage';

/** Reads a process's CPU so far (user and system, microseconds); undefined when it cannot be read. */
export type CpuReader = () => Promise<number | undefined>;

/** A reader of `pid`'s CPU; with no pid (or where the process cannot be read) every reading is undefined. */
export function processCpu(pid: number | undefined): CpuReader {
  return async () => {
    if (pid === undefined) return undefined;
    try {
      return (await pidusage(pid)).ctime * 1000;
    } catch {
      return undefined;
    }
  };
}

/** Drops pidusage's history and its timer, so nothing holds the process open. */
export function stopReadingCpu(): void {
  pidusage.clear();
}
