import { strict as assert } from 'node:assert';
import { reduce } from '../../bot/src/domain/reducer.js';
import { isPresent, pupilsPresent, staffPresent } from '../../bot/src/domain/presence.js';
import { at, ended, guest, join, leave, meeting, pupil, reconcile, staff, started, tick } from './builders.js';
import { present } from './presentIn.js';

describe('domain/reducer', () => {
  it('seed 003 bullet 14: the meeting end closes every open presence; a join after it is a real rejoin', () => {
    const state = meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ended(at(20)));
    assert.equal(pupilsPresent(state).length + staffPresent(state).length, 0);
    const back = reduce(state, join(pupil('p1'), at(22), 'rejoin'));
    assert.deepEqual(
      pupilsPresent(back).map((p) => p.id),
      ['p1'],
    );
  });

  it('a join from before the end that is delivered after it is closed by that end (order does not matter)', () => {
    const late = meeting(started(at(0)), join(staff('t1'), at(0)), ended(at(20)), join(pupil('p1'), at(5), 'late'));
    const inOrder = meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(5), 'late'), ended(at(20)));
    assert.equal(isPresent(late.people.p1!), false);
    assert.deepEqual(
      late.people.p1!.marks.map((m) => m.at),
      inOrder.people.p1!.marks.map((m) => m.at),
    );
  });

  describe('presence per person', () => {
    it('a join then a leave leaves nobody present', () => {
      const s = meeting(join(pupil('p1'), at(1)), leave('p1', at(2)));
      assert.equal(present(s, 'p1'), false);
    });

    it('two devices: leaving on one keeps the person present', () => {
      const s = meeting(join(staff('t1'), at(1)), join(staff('t1'), at(2)), leave('t1', at(3)));
      assert.equal(present(s, 't1'), true);
      assert.equal(present(reduce(s, leave('t1', at(4))), 't1'), false);
    });

    it('a leave delivered before its join gives the same answer as in order', () => {
      const j = join(pupil('p1'), at(1), 'j');
      const l = leave('p1', at(2), 'l');
      assert.equal(present(meeting(l, j), 'p1'), false);
      assert.deepEqual(meeting(l, j).people.p1?.marks, meeting(j, l).people.p1?.marks);
    });

    it('a leave with no join never makes presence negative: a later join counts', () => {
      const s = meeting(leave('p1', at(1)), join(pupil('p1'), at(2)));
      assert.equal(present(s, 'p1'), true);
    });

    it('a duplicate delivery is a no-op and returns the same object', () => {
      const j = join(pupil('p1'), at(1), 'dup');
      const once = meeting(j);
      assert.equal(reduce(once, j), once);
    });

    it('never mutates its input', () => {
      const before = meeting(join(pupil('p1'), at(1)));
      const frozen = structuredClone(before);
      reduce(before, leave('p1', at(2)));
      reduce(before, tick('expectationsRead', at(2)));
      assert.deepEqual(before, frozen);
    });

    it('a leave naming only the Teams id finds the person', () => {
      const s = meeting(join(pupil('p1'), at(1)), {
        kind: 'participantLeft',
        id: 'x',
        at: at(2),
        participantId: 'unknown-key',
        teamsId: '29:p1',
      });
      assert.equal(present(s, 'p1'), false);
      assert.equal(s.people['unknown-key'], undefined);
    });
  });

  describe('classification', () => {
    it('keeps the newest classification by time, whatever the delivery order', () => {
      const a = join(person2('unknown'), at(1), 'a');
      const b = join(person2('pupil'), at(2), 'b');
      assert.equal(meeting(a, b).people.x?.role, 'pupil');
      assert.equal(meeting(b, a).people.x?.role, 'pupil');
    });

    it('DESIGN section 3: a guest is never counted as staff, even when later classified as staff', () => {
      const s = meeting(join(guest('x'), at(1), 'a'), join(staff('x'), at(2), 'b'));
      assert.equal(s.people.x?.role, 'guest');
      assert.equal(staffPresent(s).length, 0);
      const reversed = meeting(join(staff('x'), at(2), 'b'), join(guest('x'), at(1), 'a'));
      assert.equal(reversed.people.x?.role, 'guest');
    });
  });

  describe('roster reconciliation', () => {
    it('adds a join for someone Teams reports in the meeting and a leave for someone it does not', () => {
      const s = meeting(join(pupil('p1'), at(1)), reconcile(at(5), [staff('t1')], ['p1'], 'r1'));
      assert.equal(present(s, 't1'), true);
      assert.equal(present(s, 'p1'), false);
      assert.equal(s.rosterCheckedAt, at(5));
      assert.equal(s.people.t1?.marks[0]?.eventId, 'r1');
    });

    it('a person on two devices reported absent is absent', () => {
      const s = meeting(join(pupil('p1'), at(1)), join(pupil('p1'), at(2)), reconcile(at(5), [], ['p1']));
      assert.equal(present(s, 'p1'), false);
    });

    it('changes nothing when our presence already matches', () => {
      const s = meeting(join(pupil('p1'), at(1)), reconcile(at(5), [pupil('p1')], []));
      assert.equal(s.people.p1?.marks.length, 1);
    });
  });
});

function person2(role: 'unknown' | 'pupil') {
  return { id: 'x', teamsId: '29:x', name: 'X', role };
}
