/**
 * The lesson path as the service builds it (the real `createLessonPipeline`, the meeting use case
 * composed over it as `startService` does, and the service's own tick), over in-memory storage and
 * sinon fakes of Teams, the directory and the concern and retention sweeps, with a sinon clock.
 * Fast: no Azurite, no HTTP, no real time.
 */
import sinon from 'sinon';
import type { Delivery, DeliverySender } from '../../../bot/src/app/delivery/delivery.js';
import type { HeldJournal } from '../../../bot/src/app/lesson/outageBuffer.js';
import type {
  MeetingKey,
  Notifier,
  ParticipantDirectory,
  PersonLookup,
  RosterSource,
} from '../../../bot/src/app/ports.js';
import { createRecordMeetingActivity } from '../../../bot/src/app/lesson/recordMeetingActivity.js';
import { createLessonPipeline } from '../../../bot/src/compose/lessonPipeline.js';
import { createServiceTick } from '../../../bot/src/compose/serviceTick.js';
import type { Policy } from '../../../bot/src/domain/policy/schema.js';
import type { MeetingState } from '../../../bot/src/domain/types.js';
import { policy as strictPolicy, T0 } from '../../domain/builders.js';
import { InMemoryMeetingStore, InMemoryTimerStore, StorageSwitch } from '../../support/inMemoryMeetingStore.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';
import { oneToOneRecords } from './lessonFakes.js';

export { memoryJournal } from './lessonFakes.js';

/** The lesson every test uses unless it says otherwise (the builders' events name this meeting). */
export const KEY: MeetingKey = { tenantId: 'tenant-1', meetingId: 'meeting-1' };

/** Where the lesson lives in Teams (set on the lesson by its first event). */
export const ADDRESS: NonNullable<MeetingState['address']> = {
  serviceUrl: 'https://smba.example/uk/',
  conversationId: '19:meeting_lesson@thread.v2',
};

/** The tenant's DSL, told of every critical finding. */
export const DSL = { aadObjectId: 'dsl-1', name: 'Mrs Lead' };

/** What a test may change about the service it gets. */
export interface SutOptions {
  policy?: Policy;
  /** Another instance whose storage and clock this one shares (two service instances, one storage account). */
  shared?: {
    meetings: InMemoryMeetingStore;
    timers: InMemoryTimerStore;
    storage: StorageSwitch;
    clock: sinon.SinonFakeTimers;
  };
  /** Ids the directory answers as staff; everyone else is a pupil. */
  staff?: string[];
  /** The durable journal of held events (none: memory only, as when no data directory is set). */
  journal?: HeldJournal;
}

/** One service instance over in-memory storage. */
export type Sut = ReturnType<typeof makeSut>;

/**
 * Builds one instance. The clock is sinon's fake `Date` (the service's default clock reads
 * `Date.now()`), started at the builders' T0: call `sut.clock.restore()` after the test, or build
 * through {@link useSuts}.
 */
export function makeSut(options: SutOptions = {}) {
  const clock = options.shared?.clock ?? sinon.useFakeTimers({ now: T0, toFake: ['Date'] });
  const storage = options.shared?.storage ?? new StorageSwitch();
  const meetings = options.shared?.meetings ?? new InMemoryMeetingStore(storage);
  const timers = options.shared?.timers ?? new InMemoryTimerStore(storage);
  const sent: Delivery[] = [];
  let activities = 0;
  const sender = {
    send: sinon
      .stub<Parameters<DeliverySender['send']>, ReturnType<DeliverySender['send']>>()
      .callsFake(async (_tenantId, delivery) => {
        sent.push(delivery);
        return { activityId: `activity-${++activities}` };
      }),
  };
  const staff = new Set(options.staff ?? ['t1', 't2']);
  const directory: ParticipantDirectory & { [K in keyof ParticipantDirectory]: sinon.SinonSpy } = {
    classify: sinon.fake(async (person: PersonLookup) => (staff.has(person.aadObjectId ?? '') ? 'staff' : 'pupil')),
    isDsl: sinon.fake(async (_tenantId: string, aadObjectId: string) => aadObjectId === DSL.aadObjectId),
    listDsls: sinon.fake(async () => [DSL]),
    listEscalation: sinon.fake(async () => []),
  };
  const concerns = oneToOneRecords();
  const roster: RosterSource = { inMeeting: sinon.fake.resolves(undefined) };
  const logger = fakeLogger();
  const pol = options.policy ?? strictPolicy();
  const policyFor = (): Policy => pol;
  const lessons = createLessonPipeline({
    meetings,
    timers,
    concerns,
    concernNotifier: { alertDsl: sinon.fake.resolves({}), updateReporter: sinon.fake.resolves({}) },
    sender,
    roster,
    directory,
    policyFor,
    clock: { now: () => Date.now() },
    logger,
    ...(options.journal ? { journal: options.journal } : {}),
  });
  // The routines are startService's lesson routines, here as fakes the tests watch.
  const routines = {
    onLessonStarted: [sinon.fake.resolves(undefined)],
    onLessonEnded: [sinon.fake.resolves(undefined)],
    onEventApplied: [sinon.fake.resolves(undefined)],
  };
  const notifier = {
    postCodeOfConduct: sinon.stub<Parameters<Notifier['postCodeOfConduct']>, Promise<void>>().resolves(),
    sendToStaff: sinon.stub().resolves(),
  } satisfies Notifier;
  const recordMeetingActivity = createRecordMeetingActivity({
    record: lessons.record,
    directory,
    notifier,
    policyFor,
    logger,
    ...routines,
  });
  const tick = createServiceTick({
    lessons,
    sweepTimers: lessons.sweeper({}),
    heldConcerns: { size: 0, file: sinon.fake.resolves(0) },
    concernOutbox: { sweep: sinon.fake.resolves(0) },
    retention: sinon.fake.resolves(undefined),
    seniorCards: sinon.fake.resolves(undefined),
    storageAnswers: async () => storage.answers,
    clock: { now: () => Date.now() },
  });
  return {
    clock,
    storage,
    meetings,
    timers,
    sender,
    sent,
    directory,
    concerns,
    logger,
    lessons,
    notifier,
    routines,
    recordMeetingActivity,
    /** Apply one event through the public lesson path (as Teams, the side panel and timers do). */
    record: (event: Parameters<typeof lessons.record>[1], key = KEY) => lessons.record(key, event, ADDRESS),
    /** The service's own tick: once storage answers, write what was held; then fire due timers. */
    tick,
    /** Moves the clock on and runs a tick. */
    async advance(ms: number): Promise<number> {
      clock.tick(ms);
      return tick();
    },
  };
}

/** Mocha hooks for a suite: the builder it returns makes instances whose clock is put back after each test. */
export function useSuts(): (options?: SutOptions) => Sut {
  const clocks: sinon.SinonFakeTimers[] = [];
  afterEach(() => clocks.splice(0).forEach((clock) => clock.restore()));
  return (options) => {
    const sut = makeSut(options);
    if (!options?.shared) clocks.push(sut.clock);
    return sut;
  };
}
