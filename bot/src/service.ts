import type { AddressInfo } from 'node:net';
import { createApplyMeetingEvent, type ApplyMeetingEvent } from './app/applyMeetingEvent.js';
import type { ConcernStore } from './app/concerns/ports.js';
import { withCorrelation } from './app/correlation.js';
import type { MeetingControl } from './app/meetingControl/ports.js';
import { SchoolDirectory, type StaffList } from './app/directory/schoolDirectory.js';
import { OutageBuffer } from './app/outageBuffer.js';
import type { Clock, ConversationStore, Logger, MeetingKey, MeetingRecord, MeetingStore, ParticipantDirectory, TimerStore } from './app/ports.js';
import { RecordCache } from './app/recordCache.js';
import { createRecordMeetingActivity } from './app/recordMeetingActivity.js';
import { createLessonRoutines } from './app/lessonRoutines/lessonRoutines.js';
import { createSweepTimers } from './app/sweepTimers.js';
import type { Policy } from './domain/policy/schema.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { isUnavailable } from './storage/errors.js';
import { createStorageTables, type StorageConnection, type StorageTables } from './storage/tableClients.js';
import { TableConcernStore } from './storage/concerns/tableConcernStore.js';
import { TableConversationStore } from './storage/tableConversationStore.js';
import { TableMeetingStore } from './storage/tableMeetingStore.js';
import { TableTimerStore } from './storage/tableTimerStore.js';
import { attachTeams, type TeamsWiring } from './teams/attachTeams.js';
import type { Config } from './config.js';

/** Everything one service process needs that is not read from the environment here. */
export interface ServiceOptions {
  config: Config;
  storage: StorageConnection;
  policy: Policy;
  staffList?: StaffList;
  logger: Logger;
  clock?: Clock;
  /** Extra routes (tab API, dev simulator) registered after the core ones. */
  extraRoutes?: Array<(server: HttpServer, core: ServiceCore) => Promise<void> | void>;
  /** Microsoft Graph meeting control; when given, lesson settings are made compliant at start. */
  meetingControl?: MeetingControl;
  /** Sweep timers on an interval (off in tests that drive sweeps by hand). */
  sweep?: boolean;
}

/** The composed parts, exposed so routes, the simulator and tests can use the same instances. */
export interface ServiceCore {
  config: Config;
  logger: Logger;
  clock: Clock;
  tables: StorageTables;
  meetings: MeetingStore;
  timers: TimerStore;
  conversations: ConversationStore;
  concerns: ConcernStore;
  directory: ParticipantDirectory;
  applyEvent: ApplyMeetingEvent;
  policyFor(tenantId: string): Policy;
  buffer: OutageBuffer;
  teams: TeamsWiring;
  /** A lesson's snapshot for pollers: cached when read or written within `maxAgeMs` (default 2 s). */
  readMeeting(key: MeetingKey, maxAgeMs?: number): Promise<MeetingRecord | undefined>;
  /** Runs one timer sweep and flushes the outage buffer; returns timers fired. */
  tick(): Promise<number>;
}

/** A running service. */
export interface RunningService {
  core: ServiceCore;
  server: HttpServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}

/**
 * The composition root's heart: builds adapters, use cases and the HTTP server for one process.
 * `index.ts` calls it with configuration from the environment; tests call it with their own.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const policyFor = (): Policy => options.policy;
  // Fail fast on an outage: the outage buffer keeps the events, so long SDK back-offs only delay Teams.
  const tables = createStorageTables({ ...options.storage, clientOptions: { retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 1000 }, ...options.storage.clientOptions } });
  await tables.ensureTables();
  const meetings = new TableMeetingStore(tables.meetings, logger);
  const timers = new TableTimerStore(tables.timers, { now: () => clock.now() });
  const conversations = new TableConversationStore(tables.conversations);
  const concerns = new TableConcernStore(tables.concerns);
  const directory = new SchoolDirectory({ staffList: options.staffList, policyFor, now: () => clock.now() });
  const cache = new RecordCache();
  const buffer = new OutageBuffer({ isOutage: isUnavailable, logger, now: () => clock.now() });
  const applyEvent = createApplyMeetingEvent({ meetings, timers, cache, buffer, policyFor, clock, logger });

  const server = createHttpServer({
    logger,
    tabDir: 'tab/dist',
    health: () => ({
      status: buffer.degraded ? 'degraded' : 'ok',
      checks: { storage: buffer.degraded ? `unavailable; ${buffer.size} events held in memory` : 'ok' },
    }),
  });
  const meetingControl = options.meetingControl;
  const teams = attachTeams({ server, config, logger, clock, conversations, directory, policyFor, meetings, concerns, ...(meetingControl ? { meetingControl } : {}) });
  const routines = createLessonRoutines({
    applyEvent, meetings, timers, concerns, concernNotifier: teams.concernNotifier, notifier: teams.notifier, roster: teams.roster, directory, policyFor, clock, logger, ...(meetingControl ? { meetingControl } : {}),
  });
  const { settle, onLessonStarted, onLessonEnded, onEventApplied } = routines;
  teams.setMeetingHandler(createRecordMeetingActivity({ applyEvent, settle, directory, notifier: teams.notifier, policyFor, logger, onLessonStarted, onLessonEnded, onEventApplied }));
  teams.setMeetingDiscoveredHandler(routines.meetingDiscovered);
  const sweepTimers = createSweepTimers({ meetings, timers, cache, settle, policyFor, clock, logger, handlers: routines.timerHandlers });

  const tick = async (): Promise<number> => {
    await buffer.flush((held) => applyEvent(held.key, held.event, held.address, { rethrowOutage: true }).then((outcome) => settle(held.key, outcome)));
    return buffer.degraded ? 0 : sweepTimers();
  };
  const readMeeting = (key: MeetingKey, maxAgeMs = 2_000): Promise<MeetingRecord | undefined> => cache.read(key, maxAgeMs, () => meetings.load(key));
  const core: ServiceCore = { config, logger, clock, tables, meetings, timers, conversations, concerns, directory, applyEvent, policyFor, buffer, teams, readMeeting, tick };
  for (const register of options.extraRoutes ?? []) await register(server, core);

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${config.port} on ${config.host} is already in use: stop the other program or set PORT to a free port.`) : error));
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  let interval: NodeJS.Timeout | undefined;
  if (options.sweep !== false) {
    let running = false;
    let sweeps = 0;
    interval = setInterval(() => {
      if (running) return;
      running = true;
      withCorrelation(`sweep-${++sweeps}`, tick)
        .catch((error: unknown) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'timer sweep failed'))
        .finally(() => (running = false));
    }, config.sweepIntervalMs);
    interval.unref();
  }
  return {
    core,
    server,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (interval) clearInterval(interval);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
