import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { BookingChangeRefused } from '../../../bot/src/app/booking/bookingErrors.js';
import { upcomingBookings } from '../../../bot/src/app/booking/bookingList.js';
import { cancelBooking, CANCEL_COMMENT } from '../../../bot/src/app/booking/cancelBooking.js';
import { moveBooking } from '../../../bot/src/app/booking/moveBooking.js';
import { GraphUnavailableError } from '../../../bot/src/app/meetingControl/ports.js';
import { caller, makeSut, NOW, START } from './fakes.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const refused = (reason: string) => (e: unknown) => e instanceof BookingChangeRefused && e.reason === reason;

/** Ms Khan's lesson booked (id `req-1`), the fakes' records of the booking itself cleared. */
async function booked(options: { slt?: string[] } = {}) {
  const sut = makeSut(options);
  await sut.book();
  sut.sent.resetHistory();
  sut.applied.apply.resetHistory();
  return sut;
}
const cardsSent = (sut: Awaited<ReturnType<typeof booked>>) =>
  sut.sent.getCalls().map((c) => `${c.args[1] as string}: ${(c.args[2] as { title: string }).title}`);

describe('app/booking: cancelling and moving a booked lesson', () => {
  it('cancel: Graph cancels as the organizer, the lesson and the booking record it, the senior leader and the other staff are told', async () => {
    const sut = await booked();
    const result = await cancelBooking(sut.deps, caller, 'req-1');
    assert.deepEqual(sut.calendar.cancelEvent.firstCall.args, [caller.asUser, 'event-1', CANCEL_COMMENT]);
    assert.equal(sut.applied.current().cancelledAt, NOW);
    assert.equal(result.kept.booking.cancelledAt, NOW);
    assert.deepEqual(cardsSent(sut), [
      'hughes: Cancelled: Year 5 maths, Wed 6 Mar 10:00',
      'osei: Cancelled: Year 5 maths, Wed 6 Mar 10:00',
    ]);
    assert.doesNotMatch(JSON.stringify(sut.sent.args), /amira|ben@/);
    const again = await cancelBooking(sut.deps, caller, 'req-1');
    assert.deepEqual([again.repeated, again.cardsQueued], [true, 0]);
    assert.equal(sut.calendar.cancelEvent.callCount, 1, 'cancelling twice is one cancellation');
    assert.equal(sut.sent.callCount, 2);
  });

  it('cancel: Graph failing records and says nothing; a retry that finds the event gone after that ask records it', async () => {
    const sut = await booked();
    sut.calendar.cancelEvent = sinon.fake.rejects(new GraphUnavailableError('down', 503));
    sut.deps.calendar = sut.calendar;
    await assert.rejects(cancelBooking(sut.deps, caller, 'req-1'), GraphUnavailableError);
    assert.equal(sut.applied.apply.callCount, 0);
    assert.equal(sut.sent.callCount, 0);
    assert.equal((await sut.bookings.read(key))!.booking.cancelledAt, undefined);
    sut.calendar.cancelEvent = sinon.fake.resolves('notFound');
    sut.deps.calendar = sut.calendar;
    const result = await cancelBooking(sut.deps, caller, 'req-1');
    assert.equal(result.kept.booking.cancelledAt, NOW);
    assert.equal(sut.sent.callCount, 2);
  });

  it('cancel: an event Graph does not find, never asked before, is refused and stays refused (nothing is claimed)', async () => {
    const sut = await booked();
    sut.calendar.cancelEvent = sinon.fake.resolves('notFound');
    sut.deps.calendar = sut.calendar;
    await assert.rejects(cancelBooking(sut.deps, caller, 'req-1'), refused('eventNotFound'));
    await assert.rejects(cancelBooking(sut.deps, caller, 'req-1'), refused('eventNotFound'));
    assert.equal(sut.applied.apply.callCount, 0);
    assert.equal(sut.sent.callCount, 0);
  });

  it("another teacher's booking is not found; a lesson already started is changed in Teams", async () => {
    const sut = await booked();
    const osei = { ...caller, aadObjectId: 'osei', name: 'Mr Osei' };
    await assert.rejects(cancelBooking(sut.deps, osei, 'req-1'), refused('notFound'));
    await assert.rejects(moveBooking(sut.deps, osei, 'req-1', 'move-1', later(DAY)), refused('notFound'));
    sut.deps.clock.now = () => START;
    await assert.rejects(cancelBooking(sut.deps, caller, 'req-1'), refused('started'));
    assert.equal(sut.calendar.cancelEvent.callCount, 0);
  });

  it('move: the new time is checked as a booking is; problems by field, nothing changed', async () => {
    const sut = await booked();
    const soon = await moveBooking(sut.deps, caller, 'req-1', 'move-1', { start: NOW + HOUR, durationMinutes: 20 });
    const long = await moveBooking(sut.deps, caller, 'req-1', 'move-2', { ...later(DAY), durationMinutes: 45 });
    assert.deepEqual(
      [soon, long].map((r) => r.outcome === 'invalid' && r.problems.map((p) => `${p.field}:${p.ruleId}`)),
      [['start:scheduled-ahead'], ['durationMinutes:max-duration']],
    );
    assert.equal(sut.calendar.moveEvent.callCount, 0);
    assert.equal(sut.applied.apply.callCount, 0);
  });

  it('move: Graph moves the event, the lesson keeps when it was booked, the people told are told; once per request', async () => {
    const sut = await booked();
    const result = await moveBooking(sut.deps, caller, 'req-1', 'move-1', later(DAY));
    const end = START + DAY + 20 * 60_000;
    assert.deepEqual(sut.calendar.moveEvent.firstCall.args, [caller.asUser, 'event-1', { start: START + DAY, end }]);
    const state = sut.applied.current();
    assert.deepEqual([state.scheduledStart, state.scheduledEnd, state.createdAt], [START + DAY, end, NOW]);
    assert.deepEqual(cardsSent(sut), [
      'hughes: Moved: Year 5 maths is now Thu 7 Mar 10:00',
      'osei: Moved: Year 5 maths is now Thu 7 Mar 10:00',
    ]);
    assert.match((sut.sent.firstCall.args[2] as { lines: string[] }).lines[0]!, /^It was Wed 6 Mar 10:00/);
    assert.equal(result.outcome === 'moved' && result.kept.booking.movedAt, NOW);
    const again = await moveBooking(sut.deps, caller, 'req-1', 'move-1', later(DAY));
    assert.equal(again.outcome === 'moved' && again.repeated, true);
    assert.equal(sut.calendar.moveEvent.callCount, 1);
    await assert.rejects(moveBooking(sut.deps, caller, 'req-1', 'move-1', later(2 * DAY)), refused('requestIdReused'));
    const [listed] = await upcomingBookings(sut.bookings, caller, NOW);
    assert.deepEqual([listed?.state, listed?.start, listed?.otherStaffNames], ['moved', START + DAY, ['Mr Osei']]);
  });

  it('move: a senior leader may move it to short notice with a reason, kept on the booking and said on the card', async () => {
    const sut = await booked({ slt: ['khan', 'hughes'] });
    const soon = {
      start: Date.UTC(2024, 2, 4, 14, 0),
      durationMinutes: 20,
      noticeOverride: { reason: 'Exam support' },
    };
    const result = await moveBooking(sut.deps, caller, 'req-1', 'move-1', soon);
    assert.deepEqual(result.outcome === 'moved' && result.kept.booking.noticeOverride, { reason: 'Exam support' });
    assert.deepEqual(
      sut.sent.getCalls().map((c) => c.args[1]),
      ['hughes', 'osei'],
      'the senior leader who moved it is not told',
    );
    assert.match(JSON.stringify(sut.sent.firstCall.args[2]), /Moved at short notice, because: Exam support/);
  });

  it('move: a cancelled lesson cannot be moved; an event Graph does not find is refused with nothing recorded', async () => {
    const sut = await booked();
    sut.calendar.moveEvent = sinon.fake.resolves('notFound');
    sut.deps.calendar = sut.calendar;
    await assert.rejects(moveBooking(sut.deps, caller, 'req-1', 'move-1', later(DAY)), refused('eventNotFound'));
    assert.equal(sut.applied.apply.callCount, 0);
    await cancelBooking(sut.deps, caller, 'req-1');
    await assert.rejects(moveBooking(sut.deps, caller, 'req-1', 'move-2', later(DAY)), refused('cancelled'));
  });
});

const key = { tenantId: 't', organizerId: 'khan', requestId: 'req-1' };
function later(by: number) {
  return { start: START + by, durationMinutes: 20 };
}
