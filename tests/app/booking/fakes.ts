/**
 * Fakes of the booking ports for the use-case tests, and `makeSut`: a booking store in memory that keeps the
 * store's contract (insert-if-absent claims bound to the request's fingerprint), and a calendar
 * whose every call is a sinon fake a test can make fail.
 */
import sinon from 'sinon';
import { bookLesson } from '../../../bot/src/app/booking/bookLesson.js';
import type { BookingRequest } from '../../../bot/src/app/booking/bookingRequest.js';
import { teamsMeetingIdOf } from '../../../bot/src/app/booking/teamsMeetingId.js';
import { emptyMeeting } from '../../../bot/src/domain/reducer.js';
import { policy } from '../../domain/builders.js';
import { cardsTo } from '../../support/lessonCardsFake.js';
import { fakeApply, fakeLogger } from '../lessonRoutines/fakes.js';
import type {
  BookedLesson,
  BookingClaim,
  BookingKey,
  BookingStore,
  KeptBooking,
  LessonCalendar,
} from '../../../bot/src/app/booking/ports.js';

interface Row {
  fingerprint: string;
  booking?: BookedLesson;
  moves?: Record<string, string>;
  cancelAskedAt?: number;
  version: number;
}

/** Bookings in memory; every write is a new version, and a change over an older one is refused as the table does. */
export class InMemoryBookings implements BookingStore {
  readonly rows = new Map<string, Row>();

  async begin(key: BookingKey, requestFingerprint: string): Promise<BookingClaim> {
    const id = JSON.stringify(key);
    const row = this.rows.get(id);
    if (!row) {
      this.rows.set(id, { fingerprint: requestFingerprint, version: 1 });
      return { outcome: 'new' };
    }
    if (row.fingerprint !== requestFingerprint) return { outcome: 'conflict' };
    return row.booking ? { outcome: 'booked', booking: structuredClone(row.booking) } : { outcome: 'inProgress' };
  }

  async finish(key: BookingKey, booking: BookedLesson): Promise<void> {
    const row = this.rows.get(JSON.stringify(key));
    if (row) Object.assign(row, { booking: structuredClone(booking), version: row.version + 1 });
  }

  async release(key: BookingKey): Promise<void> {
    this.rows.delete(JSON.stringify(key));
  }

  async upcoming(tenantId: string, organizerId: string, endsAfter: number): Promise<KeptBooking[]> {
    return [...this.rows.keys()]
      .map((id) => JSON.parse(id) as BookingKey)
      .filter((k) => k.tenantId === tenantId && k.organizerId === organizerId)
      .flatMap((k) => this.keptOf(k) ?? [])
      .filter((k) => k.booking.end > endsAfter)
      .sort((a, b) => a.booking.start - b.booking.start);
  }

  async read(key: BookingKey): Promise<KeptBooking | undefined> {
    return this.keptOf(key);
  }

  async update(key: BookingKey, version: string, next: Omit<KeptBooking, 'id' | 'version'>) {
    const row = this.rows.get(JSON.stringify(key));
    if (!row?.booking || String(row.version) !== version) return undefined;
    const { cancelAskedAt: _asked, ...kept } = row;
    this.rows.set(JSON.stringify(key), { ...kept, ...structuredClone(next), version: row.version + 1 });
    return String(row.version + 1);
  }

  private keptOf(key: BookingKey): KeptBooking | undefined {
    const row = this.rows.get(JSON.stringify(key));
    if (!row?.booking) return undefined;
    return structuredClone({
      id: key.requestId,
      booking: row.booking,
      moves: row.moves ?? {},
      ...(row.cancelAskedAt === undefined ? {} : { cancelAskedAt: row.cancelAskedAt }),
      version: String(row.version),
    });
  }
}

/** The thread of the fake calendar's meetings. */
export const THREAD = '19:meeting_booked@thread.v2';

/** A calendar whose calls succeed unless a test says otherwise. */
export function fakeCalendar() {
  return {
    createEvent: sinon.fake.resolves({ eventId: 'event-1', joinUrl: 'https://teams.example/join/booked' }),
    findMeeting: sinon.fake.resolves({ onlineMeetingId: 'online-1', threadId: THREAD }),
    setMeetingOptions: sinon.fake.resolves(undefined),
    deleteEvent: sinon.fake.resolves(undefined),
    cancelEvent: sinon.fake.resolves('cancelled'),
    moveEvent: sinon.fake.resolves('moved'),
  } satisfies Record<keyof LessonCalendar, sinon.SinonSpy>;
}

/** Monday 4 March 2024, 09:30 in London (GMT): the clock of {@link makeSut}. */
export const NOW = Date.UTC(2024, 2, 4, 9, 30);
/** Wednesday, 10:00: 48.5 hours later, in school hours. */
export const START = Date.UTC(2024, 2, 6, 10, 0);
/** Ms Khan, signed in to the tab. */
export const caller = { tenantId: 't', aadObjectId: 'khan', name: 'Ms Khan', asUser: { ssoToken: 'sso-token-secret' } };
/** A compliant booking: Ms Khan with Mr Osei and two pupils. */
export const request: BookingRequest = {
  title: 'Year 5 maths',
  start: START,
  durationMinutes: 20,
  pupils: ['amira@pupils.example', 'ben@pupils.example'],
  otherStaff: [{ aadObjectId: 'osei', email: 'osei@school.example', name: 'Mr Osei' }],
  notesForSlt: 'Catch-up group',
};

/** The use case with fakes of every port: Mr Osei is staff, `slt` the senior leaders (default Mr Hughes). */
export function makeSut(options: { slt?: string[] } = {}) {
  const calendar = fakeCalendar();
  const bookings = new InMemoryBookings();
  const applied = fakeApply(emptyMeeting('t', teamsMeetingIdOf(THREAD)), policy());
  const sent = sinon.fake.resolves(undefined);
  const logger = fakeLogger();
  const deps = {
    calendar,
    bookings,
    applyEvent: applied.apply,
    cards: cardsTo(sent),
    directory: {
      classify: sinon.fake(async (p: { aadObjectId?: string }) => (p.aadObjectId === 'osei' ? 'staff' : 'pupil')),
      listEscalation: sinon.fake(async () => (options.slt ?? ['hughes']).map((id) => ({ aadObjectId: id, name: id }))),
    },
    policyFor: () => policy(),
    clock: { now: () => NOW },
    logger,
  };
  return {
    deps,
    calendar,
    bookings,
    applied,
    sent,
    logger,
    book: (id = 'req-1', r = request) => bookLesson(deps, caller, id, r),
  };
}
