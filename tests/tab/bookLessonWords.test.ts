import assert from 'node:assert/strict';
import type { BookingAnswer } from '../../tab/src/api/bookingClient.js';
import { formOf, EMPTY_DRAFT } from '../../tab/src/booking/bookingDraft.js';
import { durationRule, failureWords, receiptWords, whenRule } from '../../tab/src/booking/bookingWords.js';
import { zonedToEpoch as schoolMoment } from '../../bot/src/app/time.js';

const ZONE = 'Europe/London';
const RULES = {
  minHoursAhead: 48,
  maxPupilMinutes: 20,
  schoolHours: { start: '09:00', end: '15:00', days: [1, 2, 3, 4, 5] },
  timeZone: ZONE,
};
const booked = (over: Partial<Extract<BookingAnswer, { kind: 'booked' }>> = {}) =>
  ({
    kind: 'booked',
    booking: {
      title: 'Year 5 maths',
      start: Date.UTC(2024, 6, 3, 9, 0),
      organizerId: 'me',
      staffIds: ['me', 'brown'],
      pupilCount: 1,
    },
    repeated: false,
    sltCardsQueued: 2,
    ...over,
  }) as Extract<BookingAnswer, { kind: 'booked' }>;

describe("tab/book a lesson's words: times on the school's clock, and only what the answer says", () => {
  it("reads the day and time on the school's clock, summer time included, and the hour skipped as the one after", () => {
    assert.equal(schoolMoment('2024-03-06', '10:00', ZONE), Date.UTC(2024, 2, 6, 10, 0));
    assert.equal(schoolMoment('2024-07-03', '10:00', ZONE), Date.UTC(2024, 6, 3, 9, 0));
    assert.equal(schoolMoment('2024-03-31', '01:30', ZONE), Date.UTC(2024, 2, 31, 1, 30));
    assert.equal(schoolMoment('2024-02-30', '10:00', ZONE), undefined);
    assert.equal(schoolMoment('', '10:00', ZONE), undefined);
  });

  it('says the rules in plain words, and leaves out a rule the school does not have', () => {
    assert.equal(
      whenRule(RULES),
      'Lessons are booked at least 48 hours ahead. They run between 09:00 and 15:00, Monday to Friday. Times are school time (Europe/London).',
    );
    assert.equal(whenRule({ ...RULES, minHoursAhead: 0, schoolHours: null }), 'Times are school time (Europe/London).');
    assert.equal(durationRule({ ...RULES, maxPupilMinutes: null }), undefined);
  });

  it('names the invited adult only when the booking lists them, and the senior team only when cards were queued', () => {
    const staff = { aadObjectId: 'brown', name: 'Mr Brown', email: 'b@school.example' };
    assert.deepEqual(receiptWords(booked(), staff, ZONE), {
      title: 'Booked: Year 5 maths, Wednesday 3 July, 10:00.',
      details: ['Mr Brown is invited.', '1 pupil is invited.', 'Chaperone is telling the senior team about it.'],
    });
    const notListed = receiptWords(booked({ sltCardsQueued: 0 }), { ...staff, aadObjectId: 'green' }, ZONE);
    assert.deepEqual(notListed.details, ['1 pupil is invited.']);
    assert.match(notListed.warning ?? '', /could not tell the senior team/);
    assert.match(receiptWords(booked({ repeated: true }), staff, ZONE).details.at(-1)!, /already been booked/);
  });

  it('says Chaperone is in the lesson only when the answer says it was added; otherwise how to add it', () => {
    assert.match(
      receiptWords(booked({ chaperoneInChat: 'added' }), undefined, ZONE).details.at(-1)!,
      /in the lesson already/,
    );
    for (const outcome of ['notAllowed', 'failed', 'notSetUp'] as const) {
      const words = receiptWords(booked({ chaperoneInChat: outcome }), undefined, ZONE);
      assert.match(words.warning ?? '', /select \+ \(Apps\) and add Chaperone/);
      assert.ok(!words.details.some((d) => /in the lesson already/.test(d)));
    }
  });

  it('says nothing was booked only when the answer says so', () => {
    const refused = (status: number, rolledBack?: boolean): Extract<BookingAnswer, { kind: 'refused' }> => ({
      kind: 'refused',
      status,
      code: 'bookingFailed',
      message: 'Said by the server.',
      ...(rolledBack === undefined ? {} : { rolledBack }),
    });
    assert.equal(failureWords(refused(503, true)).title, 'Nothing was booked.');
    assert.equal(failureWords(refused(503, false)).title, 'The lesson was only partly set up.');
    assert.equal(failureWords(refused(503)).title, 'The lesson could not be booked.');
    assert.equal(failureWords(refused(403)).title, 'Nothing was booked.');
  });

  it('asks for what cannot be sent as typed, beside its field (the second adult is only ever picked in Teams)', () => {
    const { form, messages } = formOf({ ...EMPTY_DRAFT, pupils: 'amira\nben@pupils.example' }, RULES);
    assert.equal(form, undefined);
    assert.deepEqual(Object.keys(messages).sort(), ['durationMinutes', 'pupils', 'start', 'title']);
    assert.match(messages.pupils!, /This is not an email address: amira\./);
  });
});
