/**
 * The adapters the service is built on: Table Storage (tables and stores), Graph, the school
 * directory and the Teams clients, each built once from configuration.
 */
import { SchoolDirectory } from '../app/directory/schoolDirectory.js';
import type { Clock } from '../app/ports.js';
import type { Policy } from '../domain/policy/schema.js';
import { graphFromConfig } from '../graph/graphFromConfig.js';
import { loadStaffList } from '../runtime/loadStaffList.js';
import { TableConcernStore } from '../storage/concerns/tableConcernStore.js';
import { isUnavailable } from '../storage/errors.js';
import { HoldingConcernStore } from '../storage/holdingConcernStore.js';
import { RememberedConversations } from '../storage/rememberedConversations.js';
import { createStorageTables } from '../storage/tableClients.js';
import { TableBookingStore } from '../storage/tableBookingStore.js';
import { TableConversationStore } from '../storage/tableConversationStore.js';
import { TableDirectoryCache } from '../storage/tableDirectoryCache.js';
import { TableMeetingStore } from '../storage/tableMeetingStore.js';
import { TableRequestKeyStore } from '../storage/tableRequestKeyStore.js';
import { TableSchoolBoard } from '../storage/tableSchoolBoard.js';
import { TableSeniorCards } from '../storage/tableSeniorCards.js';
import { TableTimerStore } from '../storage/tableTimerStore.js';
import { BoardedMeetingStore } from '../app/schoolView/boardedMeetingStore.js';
import { BoardKeeper } from '../app/schoolView/boardKeeper.js';
import { BoardReader } from '../app/schoolView/boardReader.js';
import { createTeamsClients } from '../teams/attachTeams.js';
import type { ServiceOptions } from './serviceCore.js';

/** The service's adapters. */
export type ServiceAdapters = Awaited<ReturnType<typeof createServiceAdapters>>;

/**
 * Builds the adapters. Storage down at boot does not stop the service: `storageAtBoot` holds the
 * error (the service starts degraded, events journaled) and the tables are created once it answers.
 */
export async function createServiceAdapters(options: ServiceOptions, clock: Clock, policyFor: () => Policy) {
  const { config, logger } = options;
  const staffList =
    options.staffList ?? (config.directory.staffFile ? loadStaffList(config.directory.staffFile) : undefined);
  // Fail fast on an outage: the outage buffer keeps the events, so long SDK back-offs only delay Teams.
  const tables = createStorageTables({
    ...options.storage,
    timeoutMs: options.storage.timeoutMs ?? config.timeouts.storageMs,
    clientOptions: {
      retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 1000 },
      ...options.storage.clientOptions,
    },
  });
  const storageAtBoot = await tables.ensureTables().then(
    () => undefined,
    (error: unknown) => {
      if (!isUnavailable(error)) throw error;
      return error;
    },
  );
  const conversations = new RememberedConversations(new TableConversationStore(tables.conversations), logger);
  const concerns = new HoldingConcernStore(new TableConcernStore(tables.concerns), config.dataDir, logger);
  concerns.recover();
  const graph = graphFromConfig(config, {
    staffAnswers: new TableDirectoryCache(tables.directoryCache),
    now: () => clock.now(),
    logger,
  });
  const directory = new SchoolDirectory({
    staffList,
    homeTenantId: config.auth.tenantId,
    policyFor,
    ...(graph.staffGroup ? { staffGroup: graph.staffGroup } : {}),
  });
  // The school view's board follows every lesson write (boardedMeetingStore.ts).
  const boardStore = new TableSchoolBoard(tables.meetings);
  const boardReader = new BoardReader(boardStore, () => clock.now());
  const boardKeeper = new BoardKeeper({
    store: boardStore,
    policyFor,
    logger,
    onWritten: (tenantId) => boardReader.invalidate(tenantId),
  });
  return {
    tables,
    school: {
      store: boardStore,
      reader: boardReader,
      keeper: boardKeeper,
      seniorCards: new TableSeniorCards(tables.meetings),
    },
    storageAtBoot,
    /** Whether storage answers again, with its tables created (what an outage waits for). */
    storageAnswers: (): Promise<boolean> =>
      tables.ensureTables().then(
        () => true,
        () => false,
      ),
    meetings: new BoardedMeetingStore(new TableMeetingStore(tables.meetings, logger), boardKeeper),
    timers: new TableTimerStore(tables.timers, { now: () => clock.now() }),
    conversations,
    concerns,
    requestKeys: new TableRequestKeyStore(tables.idempotency, () => clock.now()),
    bookings: new TableBookingStore(tables.bookings),
    graph,
    directory,
    teams: createTeamsClients({ config, logger, conversations, policyFor }),
  };
}
