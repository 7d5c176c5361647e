import { strict as assert } from 'node:assert';
import { acknowledgementOf } from '../../bot/src/domain/acknowledgements.js';
import { emptyMeeting, reduce } from '../../bot/src/domain/reducer.js';
import type { MeetingEvent } from '../../bot/src/domain/types.js';
import {
  at,
  breachReported,
  check,
  details,
  ended,
  join,
  meeting,
  pupil,
  registerMark,
  started,
  tick,
} from './builders.js';
import { present } from './presentIn.js';

describe('domain/reducer', () => {
  describe('last writer wins by (at, id)', () => {
    it('checklist ticks in either order', () => {
      const on = tick('expectationsRead', at(2), true, 'a');
      const off = tick('expectationsRead', at(3), false, 'b');
      assert.equal(meeting(on, off).checklist.expectationsRead?.ticked, false);
      assert.equal(meeting(off, on).checklist.expectationsRead?.ticked, false);
    });

    it('pupil checks and register marks in either order', () => {
      const yes = check('p1', 'consent', true, at(4), 'a');
      const no = check('p1', 'consent', false, at(3), 'b');
      assert.equal(meeting(yes, no).people.p1?.checks.consent?.value, true);
      assert.equal(meeting(no, yes).people.p1?.checks.consent?.value, true);
      const m1 = registerMark('p1', 'absent', at(1), 'c');
      const m2 = registerMark('p1', 'present', at(2), 'd');
      assert.equal(meeting(m2, m1).people.p1?.mark?.mark, 'present');
    });
  });

  describe('meeting lifecycle', () => {
    it('start and end set their fields; joins after the end are still recorded', () => {
      const s = meeting(
        started(at(0), { organizerId: 't1', title: 'Reading' }),
        ended(at(30)),
        join(pupil('p1'), at(31)),
      );
      assert.equal(s.startedAt, at(0));
      assert.equal(s.endedAt, at(30));
      assert.equal(s.title, 'Reading');
      assert.equal(s.organizerId, 't1');
      assert.equal(present(s, 'p1'), true);
    });

    it('a later start reopens an ended meeting; an end delivered late for an earlier run is ignored', () => {
      const a = started(at(0), { id: 's1' });
      const b = ended(at(30), 'e1');
      const c = started(at(60), { id: 's2' });
      for (const order of [
        [a, b, c],
        [c, b, a],
        [b, c, a],
        [a, c, b],
      ]) {
        const s = meeting(order);
        assert.equal(s.startedAt, at(60));
        assert.equal(s.endedAt, undefined);
      }
    });

    it('details fill only the fields they carry', () => {
      const s = meeting(started(at(0), { title: 'Maths' }), details(at(1), { recording: true, createdAt: at(-60) }));
      assert.equal(s.title, 'Maths');
      assert.equal(s.recording, true);
      assert.equal(s.createdAt, at(-60));
    });

    it('breaches are kept in time order', () => {
      const s = meeting(breachReported(at(5), 'b2'), breachReported(at(1), 'b1'));
      assert.deepEqual(
        s.breaches.map((b) => b.id),
        ['b1', 'b2'],
      );
    });
  });

  it('issue 14: the first "I\'m dealing with it" of a raise takes the alert; a later press (anyone) changes nothing; a new raise can be taken again', () => {
    const ack = (id: string, by: string, raisedAt: number, atMs: number): MeetingEvent => ({
      kind: 'alertAcknowledged',
      id,
      at: atMs,
      findingKey: 'unsupervised',
      raisedAt,
      by,
      byName: by.toUpperCase(),
    });
    const first = reduce(emptyMeeting('t', 'm'), ack('a1', 'dsl-1', at(1), at(2)));
    assert.deepEqual(acknowledgementOf(first, 'unsupervised', at(1)), {
      raisedAt: at(1),
      by: 'dsl-1',
      name: 'DSL-1',
      at: at(2),
    });
    const second = reduce(first, ack('a2', 'dsl-2', at(1), at(3)));
    assert.deepEqual(second.acknowledgements, first.acknowledgements, 'taken already');
    const again = reduce(second, ack('a3', 'dsl-2', at(9), at(10)));
    assert.equal(
      acknowledgementOf(again, 'unsupervised', at(9))?.by,
      'dsl-2',
      'the finding raised again is a new alert',
    );
    assert.equal(acknowledgementOf(again, 'unsupervised', at(1))?.by, 'dsl-1', 'and who took the first raise is kept');
  });

  it('emptyMeeting has nobody and nothing applied', () => {
    const s = emptyMeeting('t', 'm');
    assert.deepEqual([s.tenantId, s.meetingId, Object.keys(s.people).length, s.applied.length], ['t', 'm', 0, 0]);
  });
});
