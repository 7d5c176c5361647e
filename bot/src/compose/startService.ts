/**
 * The composition root: configuration -> adapters -> use cases -> HTTP and Teams entry points,
 * built once, in order, with nothing connected afterwards. Production (`main.ts`), the simulator,
 * the bench and every integration test start the service through this function.
 */
import type { AddressInfo } from 'node:net';
import { createConcernDeliverySweep } from '../app/concerns/concernDeliveries.js';
import { withCorrelation } from '../app/correlation.js';
import { SchoolDirectory } from '../app/directory/schoolDirectory.js';
import { createLessonCards } from '../app/delivery/lessonCards.js';
import { createLessonRoutines } from '../app/lessonRoutines/lessonRoutines.js';
import { createRecordMeetingActivity } from '../app/lesson/recordMeetingActivity.js';
import type { Policy } from '../domain/policy/schema.js';
import { createRetentionSweep } from '../app/retention/createRetentionSweep.js';
import { graphFromConfig } from '../graph/graphFromConfig.js';
import { createHttpServer } from '../http/server.js';
import { tabApiRoutes } from '../http/tabApiRoutes.js';
import { loadPolicy } from '../runtime/loadPolicy.js';
import { loadStaffList } from '../runtime/loadStaffList.js';
import { TableConcernStore } from '../storage/concerns/tableConcernStore.js';
import { createStorageTables } from '../storage/tableClients.js';
import { RememberedConversations } from '../storage/rememberedConversations.js';
import { TableConversationStore } from '../storage/tableConversationStore.js';
import { TableDirectoryCache } from '../storage/tableDirectoryCache.js';
import { HoldingConcernStore } from '../storage/holdingConcernStore.js';
import { isUnavailable } from '../storage/errors.js';
import { HeldEventJournal } from '../storage/heldEventJournal.js';
import { TableRequestKeyStore } from '../storage/tableRequestKeyStore.js';
import { TableRetentionStore } from '../storage/tableRetention.js';
import { TableMeetingStore } from '../storage/tableMeetingStore.js';
import { TableTimerStore } from '../storage/tableTimerStore.js';
import { createTeamsClients, mountTeamsEndpoint } from '../teams/attachTeams.js';
import { healthOf } from './health.js';
import { createLessonPipeline } from './lessonPipeline.js';
import type { RunningService, ServiceCore, ServiceOptions } from './serviceCore.js';

export type { RunningService, ServiceCore, ServiceOptions } from './serviceCore.js';

/** Builds and starts one service process. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const policy: Policy = options.policy ?? loadPolicy({ preset: config.policy.preset, file: config.policy.file });
  const policyFor = (): Policy => policy;
  const staffList =
    options.staffList ?? (config.directory.staffFile ? loadStaffList(config.directory.staffFile) : undefined);

  // Adapters. Fail fast on an outage: the outage buffer keeps the events, so long SDK back-offs only delay Teams.
  const tables = createStorageTables({
    ...options.storage,
    timeoutMs: options.storage.timeoutMs ?? config.timeouts.storageMs,
    clientOptions: {
      retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 1000 },
      ...options.storage.clientOptions,
    },
  });
  // Storage down at boot: start anyway (degraded, events journaled) and create the tables once it answers.
  const storageAtBoot = await tables.ensureTables().then(
    () => undefined,
    (error: unknown) => {
      if (!isUnavailable(error)) throw error;
      return error;
    },
  );
  const meetings = new TableMeetingStore(tables.meetings, logger);
  const timers = new TableTimerStore(tables.timers, { now: () => clock.now() });
  const conversations = new RememberedConversations(new TableConversationStore(tables.conversations), logger);
  const concerns = new HoldingConcernStore(new TableConcernStore(tables.concerns), config.dataDir, logger);
  concerns.recover();
  const requestKeys = new TableRequestKeyStore(tables.idempotency, () => clock.now());
  const graph = graphFromConfig(config, {
    staffAnswers: new TableDirectoryCache(tables.directoryCache),
    now: () => clock.now(),
    logger,
  });
  const { meetingControl } = graph;
  const directory = new SchoolDirectory({
    staffList,
    homeTenantId: config.auth.tenantId,
    policyFor,
    ...(graph.staffGroup ? { staffGroup: graph.staffGroup } : {}),
  });
  const teams = createTeamsClients({ config, logger, conversations, policyFor });

  // Use cases.
  const journal = new HeldEventJournal(config.dataDir, logger);
  const lessons = createLessonPipeline({
    meetings,
    timers,
    concerns,
    concernNotifier: teams.concernNotifier,
    sender: teams.sender,
    roster: teams.roster,
    directory,
    policyFor,
    clock,
    logger,
    journal,
  });
  if (storageAtBoot) lessons.buffer.markUnavailable(storageAtBoot);
  lessons.buffer.restore(journal.recover());
  const routines = createLessonRoutines({
    record: lessons.record,
    deliver: lessons.deliver,
    meetings,
    timers,
    cards: createLessonCards(lessons.deliveries, clock),
    roster: teams.roster,
    directory,
    policyFor,
    clock,
    logger,
    ...(meetingControl ? { meetingControl } : {}),
  });
  const recordMeetingActivity = createRecordMeetingActivity({
    record: lessons.record,
    directory,
    notifier: teams.notifier,
    policyFor,
    logger,
    ...routines,
  });
  const sweepTimers = lessons.sweeper(routines.timerHandlers);
  const concernOutbox = createConcernDeliverySweep({ store: concerns, notifier: teams.concernNotifier, clock, logger });
  const retention = createRetentionSweep({
    store: new TableRetentionStore(tables.meetings),
    meetings,
    requestKeys,
    policyFor,
    logger,
  });
  const tick = async (): Promise<number> => {
    // During an outage nothing counts as "back" until storage answers (and has its tables).
    if (
      (lessons.buffer.degraded || concerns.size) &&
      (await tables.ensureTables().then(
        () => true,
        () => false,
      ))
    ) {
      await concerns.file();
      await lessons.flushHeld();
    }
    // Concern alerts Teams has not taken yet (held concerns' from memory while storage is down).
    await concernOutbox.sweep();
    if (lessons.buffer.degraded) return lessons.sweepFromMemory();
    // Daily and bounded; not awaited, so a long pass never holds up grace-period timers (it never throws).
    void retention(clock.now());
    try {
      return await sweepTimers();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      lessons.buffer.markUnavailable(error);
      return lessons.sweepFromMemory();
    }
  };
  const readMeeting: ServiceCore['readMeeting'] = (key, maxAgeMs = 2_000) =>
    lessons.cache.read(key, maxAgeMs, () => meetings.load(key));
  const core: ServiceCore = {
    config,
    logger,
    clock,
    meetings,
    concerns,
    directory,
    requestKeys,
    recordLessonEvent: lessons.record,
    policyFor,
    buffer: lessons.buffer,
    teams,
    readMeeting,
    tick,
  };

  // Entry points.
  const server = createHttpServer({
    logger,
    tabDir: 'tab/dist',
    requestBodyTimeoutMs: config.timeouts.requestBodyMs,
    health: () => healthOf(lessons, concerns, directory, graph.meetingControlHealth, clock.now()),
  });
  mountTeamsEndpoint({
    server,
    clients: teams,
    logger,
    clock,
    conversations,
    directory,
    meetings,
    concerns,
    policyFor,
    recordMeetingActivity,
    meetingDiscovered: routines.meetingDiscovered,
    acknowledgeAlert: lessons.acknowledge,
    ...(meetingControl ? { meetingControl } : {}),
  });
  tabApiRoutes(server, core);
  if (options.simulator) await options.simulator(server, core);

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
  const port = (server.address() as AddressInfo).port;
  const interval = options.sweep === false ? undefined : startSweeping(tick, config.sweepIntervalMs, logger);
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

function startSweeping(tick: () => Promise<number>, everyMs: number, logger: ServiceOptions['logger']): NodeJS.Timeout {
  let running = false;
  let sweeps = 0;
  const interval = setInterval(() => {
    if (running) return;
    running = true;
    withCorrelation(`sweep-${++sweeps}`, tick)
      .catch((error: unknown) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'timer sweep failed'),
      )
      .finally(() => (running = false));
  }, everyMs);
  interval.unref();
  return interval;
}
