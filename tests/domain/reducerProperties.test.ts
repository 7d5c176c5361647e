import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { reduce } from '../../bot/src/domain/reducer.js';
import { pupilsPresent, staffPresent, presenceIntervals } from '../../bot/src/domain/presence.js';
import type { MeetingEvent } from '../../bot/src/domain/types.js';
import { at, join, leave, meeting, pupil } from './builders.js';
import { present } from './presentIn.js';

describe('domain/reducer', () => {
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
});
