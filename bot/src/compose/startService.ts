/**
 * The composition root: configuration -> adapters -> use cases -> HTTP and Teams entry points,
 * built once, in order, with nothing connected afterwards. Production (`main.ts`), the simulator,
 * the bench and every integration test start the service through this function.
 */
import { createConcernDeliverySweep } from '../app/concerns/concernDeliveries.js';
import { createLessonCards } from '../app/delivery/lessonCards.js';
import { createLessonRoutines } from '../app/lessonRoutines/lessonRoutines.js';
import { createRecordMeetingActivity } from '../app/lesson/recordMeetingActivity.js';
import type { Policy } from '../domain/policy/schema.js';
import { createSeniorCardSweep } from '../app/schoolView/seniorCardSweep.js';
import { createRetentionSweep } from '../app/retention/createRetentionSweep.js';
import { createHttpServer } from '../http/server.js';
import { tabApiRoutes } from '../http/tabApiRoutes.js';
import { loadPolicy } from '../runtime/loadPolicy.js';
import { HeldEventJournal } from '../storage/heldEventJournal.js';
import { TableRetentionStore } from '../storage/tableRetention.js';
import { mountTeamsEndpoint } from '../teams/attachTeams.js';
import { createBookingParts } from './bookingParts.js';
import { healthOf } from './health.js';
import { createLessonPipeline } from './lessonPipeline.js';
import { listen } from './listen.js';
import { createServiceAdapters } from './serviceAdapters.js';
import type { RunningService, ServiceCore, ServiceOptions } from './serviceCore.js';
import { createServiceTick, startSweeping } from './serviceTick.js';

export type { RunningService, ServiceCore, ServiceOptions } from './serviceCore.js';

/** Builds and starts one service process. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const policy: Policy = options.policy ?? loadPolicy({ preset: config.policy.preset, file: config.policy.file });
  const policyFor = (): Policy => policy;
  const adapters = await createServiceAdapters(options, clock, policyFor);
  const { meetings, timers, concerns, directory, teams, graph } = adapters;
  const { meetingControl } = graph;

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
    heldEventsCapacity: config.outageHeldEvents,
  });
  if (adapters.storageAtBoot) lessons.buffer.markUnavailable(adapters.storageAtBoot);
  lessons.buffer.restore(journal.recover());
  const cards = createLessonCards(lessons.deliveries, clock);
  const routines = createLessonRoutines({
    record: lessons.record,
    deliver: lessons.deliver,
    meetings,
    timers,
    cards,
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
  const tick = createServiceTick({
    lessons,
    sweepTimers: lessons.sweeper(routines.timerHandlers),
    heldConcerns: concerns,
    concernOutbox: createConcernDeliverySweep({ store: concerns, notifier: teams.concernNotifier, clock, logger }),
    retention: createRetentionSweep({
      store: new TableRetentionStore(adapters.tables.meetings),
      meetings,
      requestKeys: adapters.requestKeys,
      bookings: adapters.bookings,
      policyFor,
      logger,
      board: adapters.school.store,
      seniorCards: adapters.school.seniorCards,
    }),
    seniorCards: createSeniorCardSweep({
      board: adapters.school.store,
      store: adapters.school.seniorCards,
      directory,
      sender: teams.sender,
      policyFor,
      clock,
      logger,
    }),
    storageAnswers: adapters.storageAnswers,
    clock,
  });
  const readMeeting: ServiceCore['readMeeting'] = (key, maxAgeMs = 2_000) =>
    lessons.cache.read(key, maxAgeMs, () => meetings.load(key));
  const core: ServiceCore = {
    config,
    logger,
    clock,
    meetings,
    concerns,
    directory,
    requestKeys: adapters.requestKeys,
    recordLessonEvent: lessons.record,
    policyFor,
    buffer: lessons.buffer,
    teams,
    readMeeting,
    tick,
    idle: tick.idle,
    school: adapters.school.reader,
    schoolBoard: adapters.school.store,
    acknowledgeAlert: lessons.acknowledge,
    booking: createBookingParts({
      config,
      tokens: options.delegatedTokens,
      ...(options.delegatedGraphBaseUrl ? { graphBaseUrl: options.delegatedGraphBaseUrl } : {}),
      bookings: adapters.bookings,
      cards,
    }),
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
    conversations: adapters.conversations,
    directory,
    meetings,
    concerns,
    policyFor,
    recordMeetingActivity,
    meetingDiscovered: routines.meetingDiscovered,
    acknowledgeAlert: lessons.acknowledge,
    ...(meetingControl ? { meetingControl } : {}),
    ...(config.teamsAppId ? { teamsAppId: config.teamsAppId } : {}),
  });
  tabApiRoutes(server, core);
  if (options.simulator) await options.simulator(server, core);

  const port = await listen(server, config);
  const interval = options.sweep === false ? undefined : startSweeping(tick, config.sweepIntervalMs, logger);
  return {
    core,
    server,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (interval) clearInterval(interval);
      adapters.school.keeper.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
