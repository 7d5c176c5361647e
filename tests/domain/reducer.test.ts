import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { acknowledgementOf } from '../../bot/src/domain/acknowledgements.js';
import { emptyMeeting, reduce } from '../../bot/src/domain/reducer.js';
import { isPresent, pupilsPresent, staffPresent, presenceIntervals } from '../../bot/src/domain/presence.js';
import type { MeetingEvent, MeetingState } from '../../bot/src/domain/types.js';
import {
  at,
  breachReported,
  check,
  details,
  ended,
  guest,
  join,
  leave,
  meeting,
  pupil,
  reconcile,
  registerMark,
  staff,
  started,
  tick,
} from './builders.js';

const present = (state: MeetingState, id: string): boolean => {
  const person = state.people[id];
  return person !== undefined && isPresent(person);
};

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

  describe('properties', () => {
    const ids = ['a', 'b', 'c'];
    const presenceEvent = fc.record({
      who: fc.constantFrom(...ids),
      type: fc.constantFrom('join', 'leave'),
      minute: fc.integer({ min: 0, max: 60 }),
    });
    const toEvents = (specs: Array<{ who: string; type: string; minute: number }>): MeetingEvent[] =>
      specs.map((s, i) =>
        s.type === 'join' ? join(pupil(s.who), at(s.minute), `ev${i}`) : leave(s.who, at(s.minute), `ev${i}`),
      );

    it('presence is never negative: however many stray leaves came first, one later join makes a person present', () => {
      fc.assert(
        fc.property(fc.array(presenceEvent, { maxLength: 30 }), fc.constantFrom(...ids), (specs, who) => {
          const s = reduce(meeting(toEvents(specs)), join(pupil(who), at(100), 'late-join'));
          assert.equal(present(s, who), true);
          for (const person of Object.values(s.people)) {
            for (const interval of presenceIntervals(person))
              assert.ok(interval.to === undefined || interval.to >= interval.from);
          }
        }),
      );
    });

    it('duplicate events are no-ops', () => {
      fc.assert(
        fc.property(fc.array(presenceEvent, { minLength: 1, maxLength: 20 }), fc.nat(), (specs, pick) => {
          const events = toEvents(specs);
          const s = meeting(events);
          const again = events[pick % events.length] as MeetingEvent;
          assert.equal(reduce(s, again), s);
          assert.deepEqual(meeting(events, events), s);
        }),
      );
    });

    it('the final state does not depend on the order of interleaved joins and leaves', () => {
      fc.assert(
        fc.property(
          fc
            .array(presenceEvent, { maxLength: 20 })
            .chain((specs) =>
              fc.tuple(
                fc.constant(toEvents(specs)),
                fc.shuffledSubarray(toEvents(specs), { minLength: specs.length, maxLength: specs.length }),
              ),
            ),
          ([events, shuffled]) => {
            assert.deepEqual(meeting(shuffled), meeting(events));
          },
        ),
      );
    });

    it('a pupil is never counted as staff', () => {
      const roleEvent = fc.record({
        who: fc.constantFrom(...ids),
        role: fc.constantFrom('staff', 'pupil', 'guest', 'unknown' as const),
        minute: fc.integer({ min: 0, max: 60 }),
        leaves: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(roleEvent, { maxLength: 20 }), (specs) => {
          const events = specs.flatMap((s, i): MeetingEvent[] => [
            join({ id: s.who, teamsId: s.who, name: s.who, role: s.role }, at(s.minute), `j${i}`),
            ...(s.leaves ? [leave(s.who, at(s.minute + 1), `l${i}`)] : []),
          ]);
          const s = meeting(events);
          const staffIds = new Set(staffPresent(s).map((p) => p.id));
          for (const p of pupilsPresent(s)) assert.ok(!staffIds.has(p.id));
          for (const p of staffPresent(s)) assert.equal(p.role, 'staff');
          for (const spec of specs)
            if (spec.role === 'guest') assert.ok(!staffIds.has(spec.who), 'a guest never becomes staff');
        }),
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

function person2(role: 'unknown' | 'pupil') {
  return { id: 'x', teamsId: '29:x', name: 'X', role };
}
