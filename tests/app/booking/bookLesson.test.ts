import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { BookingFailed, BookingRefused } from '../../../bot/src/app/booking/bookingErrors.js';
import { DelegatedAccessError } from '../../../bot/src/app/booking/ports.js';
import { evaluate } from '../../../bot/src/domain/evaluate.js';
import { policy } from '../../domain/builders.js';
import { makeSut, NOW, request, START, THREAD } from './fakes.js';

describe('app/booking/bookLesson', () => {
  it('creates the event as the teacher, sets its options from the policy, records it and tells the senior leaders', async () => {
    const sut = makeSut();
    const result = await sut.book();
    assert.equal(result.outcome, 'booked');
    if (result.outcome !== 'booked') return;
    const [asUser, event] = sut.calendar.createEvent.firstCall.args;
    assert.deepEqual(asUser, { ssoToken: 'sso-token-secret' });
    assert.equal(event.subject, 'Year 5 maths');
    assert.deepEqual([event.start, event.end], [START, START + 20 * 60_000]);
    assert.deepEqual(
      event.invitees.map((i: { email: string; role: string }) => `${i.role}:${i.email}`),
      ['staff:osei@school.example', 'pupil:amira@pupils.example', 'pupil:ben@pupils.example'],
    );
    // Strict preset: organizer-only lobby, no dial-in bypass, organizer presents, attendees muted, always recorded.
    assert.deepEqual(sut.calendar.setMeetingOptions.firstCall.args.slice(1), [
      'online-1',
      {
        lobby: { scope: 'organizer', dialInBypass: false },
        allowedPresenters: 'organizer',
        attendeeMicAllowed: false,
        recordAutomatically: true,
      },
    ]);
    assert.equal(result.booking.meetingId, Buffer.from(`0#${THREAD}#0`).toString('base64'));
    assert.deepEqual(result.booking.checksPassed, [
      'scheduled-ahead',
      'school-hours',
      'max-duration',
      'staff-pair',
      'no-one-to-one',
    ]);
    const state = sut.applied.current();
    assert.deepEqual(
      [state.meetingType, state.createdAt, state.scheduledStart, state.organizerId],
      ['Scheduled', NOW, START, 'khan'],
    );
    assert.equal(result.sltCardsQueued, 1);
    const card = sut.sent.firstCall.args[2] as { title: string; lines: string[] };
    assert.equal(sut.sent.firstCall.args[1], 'hughes');
    assert.match(card.lines.join('\n'), /Staff: Ms Khan, Mr Osei\.\nPupils invited: 2\./);
    assert.doesNotMatch(JSON.stringify(card), /amira|ben@/i);
    assert.equal(sut.calendar.deleteEvent.callCount, 0);
  });

  it('the booked lesson, once recorded, raises no scheduling finding', async () => {
    const sut = makeSut();
    await sut.book();
    const { book } = evaluate(policy(), sut.applied.current(), START, {});
    assert.deepEqual(
      Object.keys(book).filter((k) => k.startsWith('scheduled-ahead')),
      [],
    );
  });

  it('seed 001 #8: a short-notice booking a senior leader approved with a reason raises no live short-notice finding', async () => {
    const sut = makeSut({ slt: ['khan'] });
    const soon = Date.UTC(2024, 2, 4, 12, 0);
    await sut.book('req-3', { ...request, start: soon, noticeOverride: { reason: 'Exam support' } });
    const { book } = evaluate(policy(), sut.applied.current(), soon, {});
    assert.deepEqual(
      Object.keys(book).filter((k) => k.startsWith('scheduled-ahead')),
      [],
    );
    assert.equal(sut.applied.current().noticeApproved, true);
  });

  it('a problem with the policy creates nothing and frees the request id', async () => {
    const sut = makeSut();
    const result = await sut.book('req-1', { ...request, durationMinutes: 30 });
    assert.deepEqual(result.outcome === 'invalid' && result.problems.map((p) => p.field), ['durationMinutes']);
    assert.equal(sut.calendar.createEvent.callCount, 0);
    assert.equal(sut.bookings.rows.size, 0);
  });

  it('a pupil chosen as the second adult is refused before anything is created', async () => {
    const sut = makeSut();
    const pupil = { aadObjectId: 'amira', email: 'amira@pupils.example', name: 'x' };
    const result = await sut.book('req-1', { ...request, otherStaff: [pupil] });
    assert.equal(result.outcome, 'invalid');
    assert.equal(sut.calendar.createEvent.callCount, 0);
  });

  it('a double click books once: the second answer is the first booking', async () => {
    const sut = makeSut();
    const first = await sut.book();
    const second = await sut.book();
    assert.equal(sut.calendar.createEvent.callCount, 1);
    assert.deepEqual(second.outcome === 'booked' && second.booking, first.outcome === 'booked' && first.booking);
    assert.equal(second.outcome === 'booked' && second.repeated, true);
  });

  it('a click while the first is still booking is told to wait; a reused id with another lesson is refused', async () => {
    const sut = makeSut();
    const key = { tenantId: 't', organizerId: 'khan', requestId: 'req-1' };
    const { fingerprint } = await import('../../../bot/src/app/fingerprint.js');
    await sut.bookings.begin(key, fingerprint(request));
    await assert.rejects(sut.book(), (e: unknown) => e instanceof BookingRefused && e.reason === 'inProgress');
    await assert.rejects(
      sut.book('req-1', { ...request, title: 'Other' }),
      (e: unknown) => e instanceof BookingRefused && e.reason === 'requestIdReused',
    );
  });

  it('options refused: the event is deleted again, and the answer says nothing was booked', async () => {
    const sut = makeSut();
    sut.calendar.setMeetingOptions = sinon.fake.rejects(
      new DelegatedAccessError('notGranted', 'OnlineMeetings.ReadWrite'),
    );
    sut.deps.calendar = sut.calendar;
    await assert.rejects(sut.book(), (e: unknown) => {
      assert.ok(e instanceof BookingFailed);
      assert.equal(e.rolledBack, true);
      assert.ok(e.cause instanceof DelegatedAccessError);
      assert.match(e.message, /removed it from your calendar again: nothing was booked/);
      return true;
    });
    assert.deepEqual(sut.calendar.deleteEvent.firstCall.args, [{ ssoToken: 'sso-token-secret' }, 'event-1']);
    assert.equal(sut.applied.apply.callCount, 0);
    assert.equal(sut.bookings.rows.size, 0, 'the teacher can try again with the same id');
  });

  it('when the event cannot be deleted either, the teacher is told to delete it', async () => {
    const sut = makeSut();
    sut.calendar.findMeeting = sinon.fake.rejects(new Error('down'));
    sut.calendar.deleteEvent = sinon.fake.rejects(new Error('down'));
    sut.deps.calendar = sut.calendar;
    await assert.rejects(sut.book(), (e: unknown) => {
      assert.ok(e instanceof BookingFailed);
      assert.equal(e.rolledBack, false);
      assert.match(e.message, /delete "Year 5 maths" from your Outlook calendar/);
      return true;
    });
  });

  it('recording the lesson failing also deletes the event: nothing is half-created', async () => {
    const sut = makeSut();
    sut.deps.applyEvent = sinon.fake.rejects(new Error('storage down'));
    await assert.rejects(sut.book(), (e: unknown) => e instanceof BookingFailed && e.rolledBack);
    assert.equal(sut.calendar.deleteEvent.callCount, 1);
  });

  it('consent needed before the event exists: nothing to delete, the claim is freed for the retry', async () => {
    const sut = makeSut();
    sut.calendar.createEvent = sinon.fake.rejects(new DelegatedAccessError('consentRequired'));
    sut.deps.calendar = sut.calendar;
    await assert.rejects(sut.book(), DelegatedAccessError);
    assert.equal(sut.calendar.deleteEvent.callCount, 0);
    assert.equal(sut.bookings.rows.size, 0);
  });

  it('a senior leader booking at short notice: the reason is kept and on the card', async () => {
    const sut = makeSut({ slt: ['khan', 'hughes'] });
    const soon = { ...request, start: Date.UTC(2024, 2, 4, 12, 0), noticeOverride: { reason: 'Exam support' } };
    const result = await sut.book('req-2', soon);
    assert.deepEqual(result.outcome === 'booked' && result.booking.noticeOverride, { reason: 'Exam support' });
    assert.match((sut.sent.firstCall.args[2] as { lines: string[] }).lines.join(' '), /because: Exam support/);
  });

  it('logs no title, name or token', async () => {
    const sut = makeSut();
    await sut.book();
    const logged = JSON.stringify([...sut.logger.info.args, ...sut.logger.warn.args]);
    assert.doesNotMatch(logged, /Year 5|Khan|Osei|sso-token|amira/i);
  });
});
