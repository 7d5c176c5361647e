import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/src/config.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import type { Policy } from '../../bot/src/domain/policy/schema.js';
import type { Logger } from '../../bot/src/app/ports.js';
import type { StaffList } from '../../bot/src/app/directory/schoolDirectory.js';
import { startService, type RunningService } from '../../bot/src/compose/startService.js';
import { sharedAzurite } from './azurite.js';

/** A fresh data directory (the service's journal of held events), so no two test services share one. */
export function scratchDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'chaperone-data-'));
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** A logger that keeps every line in memory, so tests can assert what was (not) logged. */
export function memoryLogger(
  lines: Array<{ level: string; obj: object; msg?: string }> = [],
): Logger & { lines: typeof lines } {
  const make = (bindings: object): Logger & { lines: typeof lines } => {
    const at = (level: string) => (obj: object, msg?: string) =>
      void lines.push({ level, obj: { ...bindings, ...obj }, msg });
    return {
      lines,
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (b: object) => make({ ...bindings, ...b }),
    };
  };
  return make({});
}

/** Options for {@link startTestService}. */
export interface TestServiceOptions {
  env?: Record<string, string>;
  policy?: Policy;
  staffList?: StaffList;
  clock?: ManualClock;
  tablePrefix?: string;
  connectionString?: string;
  logger?: Logger;
}

/**
 * Starts the real service (restify on 127.0.0.1, real Table Storage on Azurite) in this process,
 * with its own tables, a manual clock and no background sweep: tests call `core.tick()`.
 */
export async function startTestService(
  options: TestServiceOptions = {},
): Promise<RunningService & { clock: ManualClock; logger: Logger }> {
  const azurite = await sharedAzurite();
  const clock = options.clock ?? new ManualClock(Date.parse('2026-01-15T09:00:00Z'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: scratchDataDir(),
    ...options.env,
  });
  const logger = options.logger ?? memoryLogger();
  const service = await startService({
    config,
    storage: {
      connectionString: options.connectionString ?? azurite.connectionString,
      tablePrefix: options.tablePrefix ?? `t${randomBytes(4).toString('hex')}`,
    },
    policy: options.policy ?? policyFromPreset('strict'),
    staffList: options.staffList,
    logger,
    clock,
    sweep: false,
  });
  return { ...service, clock, logger };
}

/** POSTs one activity to the bot endpoint and returns the HTTP status. */
export async function postActivity(
  url: string,
  activity: object,
  headers: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}
