import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { reduce } from '../../bot/src/domain/reducer.js';
import { at, details, meeting } from './builders.js';

describe('domain/reducer: a cancelled lesson (meetingDetailsLearned.cancelledAt)', () => {
  it('records the cancellation and keeps what else the lesson knew', () => {
    const booked = details(at(0), { title: 'Year 5 maths', scheduledStart: at(60), createdAt: at(0) }, 'booked');
    const state = meeting(booked, details(at(5), { cancelledAt: at(5) }, 'cancelled'));
    assert.deepEqual(
      [state.cancelledAt, state.title, state.scheduledStart, state.createdAt],
      [at(5), 'Year 5 maths', at(60), at(0)],
    );
    assert.equal(meeting(booked).cancelledAt, undefined, 'a lesson is not cancelled until it is');
  });

  it('details learned later without a cancellation (Teams, a move) never undo it', () => {
    const state = meeting(
      details(at(5), { cancelledAt: at(5) }, 'cancelled'),
      details(at(9), { scheduledStart: at(90), title: 'Renamed' }, 'later'),
    );
    assert.equal(state.cancelledAt, at(5));
  });

  it('is idempotent, and the earliest cancellation stands in any order of arrival', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }), (minutes) => {
        const events = minutes.map((m, i) => details(at(m), { cancelledAt: at(m) }, `cancel-${i}`));
        const once = meeting(events);
        assert.equal(once.cancelledAt, at(Math.min(...minutes)));
        assert.equal(meeting([...events].reverse()).cancelledAt, once.cancelledAt);
        assert.deepEqual(reduce(once, events[0]!), once, 'the same event again changes nothing');
      }),
    );
  });
});
