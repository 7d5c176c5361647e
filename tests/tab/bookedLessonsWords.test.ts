import assert from 'node:assert/strict';
import type { BookingItem, ChangeAnswer } from '../../tab/src/api/bookingClient.js';
import {
  cancelQuestion,
  changeFailure,
  changeReceipt,
  lessonPeople,
  lessonWhen,
} from '../../tab/src/booking/bookedLessonWords.js';
import { localDateAndTime as schoolDateAndTime } from '../../bot/src/app/time.js';

const ZONE = 'Europe/London';
const ITEM: BookingItem = {
  id: 'booking-0001',
  title: 'Year 5 maths',
  start: Date.UTC(2024, 6, 3, 9, 0), // 10:00 in London (summer time)
  end: Date.UTC(2024, 6, 3, 9, 20),
  durationMinutes: 20,
  otherStaffNames: ['Mr Brown'],
  pupilCount: 2,
  state: 'booked',
  joinUrl: 'https://teams.example/join',
  meetingId: 'm1',
};
const changed = (over: Partial<Extract<ChangeAnswer, { kind: 'changed' }>> = {}) =>
  ({ kind: 'changed', outcome: 'cancelled', booking: ITEM, repeated: false, cardsQueued: 2, ...over }) as const;

describe("tab/your booked lessons' words: the school's clock, and only what the answer says", () => {
  it("says when and who on the school's clock, pupils as a number", () => {
    assert.equal(lessonWhen(ITEM, ZONE), 'Wednesday 3 July, 10:00, 20 minutes');
    assert.equal(lessonPeople(ITEM), 'Also invited: Mr Brown, 2 pupils.');
    assert.equal(lessonPeople({ otherStaffNames: [], pupilCount: 1 }), 'Also invited: 1 pupil.');
    assert.equal(lessonPeople({ otherStaffNames: [], pupilCount: 0 }), 'Nobody else is invited.');
    assert.deepEqual(schoolDateAndTime(ITEM.start, ZONE), { date: '2024-07-03', time: '10:00' });
    assert.deepEqual(schoolDateAndTime(Date.UTC(2024, 0, 31, 23, 30), ZONE), { date: '2024-01-31', time: '23:30' });
  });

  it('asks before cancelling, naming the lesson, its day and time', () => {
    assert.equal(
      cancelQuestion(ITEM, ZONE),
      'Cancel Year 5 maths on Wednesday 3 July at 10:00? Everyone invited is told.',
    );
  });

  it('names the senior team only when the answer says cards were queued, and never twice for a repeat', () => {
    assert.deepEqual(changeReceipt(changed(), ZONE), {
      title: 'Cancelled: Year 5 maths, Wednesday 3 July, 10:00.',
      details: ['Everyone invited has been told, and Chaperone is sending the senior team and the other staff a card.'],
    });
    const none = changeReceipt(changed({ cardsQueued: 0 }), ZONE);
    assert.deepEqual(none.details, ['Everyone invited has been told.']);
    assert.match(none.warning ?? '', /did not send the senior team a card/);
    assert.deepEqual(changeReceipt(changed({ repeated: true, cardsQueued: 0 }), ZONE).details, [
      'This lesson had already been cancelled, so nobody was told again.',
    ]);
    assert.equal(
      changeReceipt(changed({ outcome: 'moved', cardsQueued: 1 }), ZONE).title,
      'Moved: Year 5 maths is now on Wednesday 3 July at 10:00, for 20 minutes.',
    );
  });

  it('says the lesson was not changed only when the answer says so; otherwise that it could not finish', () => {
    const refused = (code: string, forIt?: string) =>
      ({ kind: 'refused', status: 409, code, message: 'The server sentence.', ...(forIt ? { forIt } : {}) }) as const;
    assert.deepEqual(changeFailure('cancel', refused('notGranted', 'For IT.')), {
      title: 'The lesson was not cancelled.',
      message: 'The server sentence.',
      forIt: 'For IT.',
    });
    assert.equal(changeFailure('move', refused('bookingFailed')).title, 'The lesson was not moved.');
    assert.equal(
      changeFailure('move', { kind: 'problems', message: 'Rules.', problems: [] }).title,
      'The lesson was not moved.',
    );
    // Written meanwhile from elsewhere: Microsoft may already have cancelled it.
    assert.equal(
      changeFailure('cancel', refused('changedMeanwhile')).title,
      'Chaperone could not finish cancelling the lesson.',
    );
  });
});
