import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { evaluate, findingsOf } from '../../bot/src/domain/evaluate.js';
import type { AlertBook } from '../../bot/src/domain/types.js';
import {
  at,
  breachReported,
  compliantLesson,
  join,
  leave,
  meeting,
  policy,
  pupil,
  sec,
  staff,
  started,
} from './builders.js';

describe('domain/evaluate', () => {
  const strict = policy();

  it('a compliant lesson under the strict policy has no findings', () => {
    assert.deepEqual(findingsOf(strict, compliantLesson(), at(10)), []);
  });

  it('a debounced finding starts only once it has lasted graceSeconds, then is not started again', () => {
    const alone = meeting(started(at(0)), join(pupil('p1'), at(0)));
    const first = evaluate(strict, alone, sec(0), {});
    assert.deepEqual(first.started, []);
    assert.ok(first.book.unsupervised && first.book.unsupervised.raisedAt === undefined);
    assert.equal(first.nextCheckAt, sec(30));
    const second = evaluate(strict, alone, sec(29), first.book);
    assert.deepEqual(second.started, []);
    const third = evaluate(strict, alone, sec(30), second.book);
    assert.deepEqual(
      third.started.map((f) => f.key),
      ['unsupervised'],
    );
    assert.equal(third.book.unsupervised?.firstSeenAt, sec(0));
    const fourth = evaluate(strict, alone, sec(40), third.book);
    assert.deepEqual(fourth.started, []);
    assert.deepEqual(
      fourth.active.map((f) => f.key),
      ['unsupervised'],
    );
  });

  it('a pending finding that disappears is dropped silently (a reconnect blip pages nobody)', () => {
    const lesson = compliantLesson(leave('t1', sec(60)), leave('t2', sec(60)));
    const pending = evaluate(strict, lesson, sec(61), {});
    assert.ok(pending.book.unsupervised);
    const back = compliantLesson(
      leave('t1', sec(60)),
      leave('t2', sec(60)),
      join(staff('t1'), sec(65)),
      join(staff('t2'), sec(65)),
    );
    const after = evaluate(strict, back, sec(66), pending.book);
    assert.deepEqual([after.started, after.cleared, Object.keys(after.book)], [[], [], []]);
  });

  it('a raised finding that is gone is cleared once and dropped from the book', () => {
    const alone = meeting(started(at(0)), join(pupil('p1'), at(0)));
    const raised = evaluate(policy({ graceSeconds: 0 }), alone, sec(0), {});
    assert.deepEqual(
      raised.started.map((f) => f.key),
      ['unsupervised'],
    );
    const fixed = meeting(
      started(at(0)),
      join(pupil('p1'), at(0)),
      join(staff('t1'), sec(5)),
      join(staff('t2'), sec(5)),
    );
    const cleared = evaluate(policy({ graceSeconds: 0 }), fixed, sec(6), raised.book);
    assert.ok(cleared.cleared.some((f) => f.key === 'unsupervised'));
    assert.equal(cleared.book.unsupervised, undefined);
    const again = evaluate(policy({ graceSeconds: 0 }), fixed, sec(7), cleared.book);
    assert.deepEqual(again.cleared, []);
  });

  it('a finding that is not debounced (a breach) starts at once', () => {
    const result = evaluate(strict, compliantLesson(breachReported(at(5), 'b1')), at(5), {});
    assert.deepEqual(
      result.started.map((f) => f.key),
      ['breach:b1'],
    );
  });

  it('nextCheckAt is the earliest rule threshold when nothing is pending', () => {
    const result = evaluate(strict, compliantLesson(), at(10), {});
    assert.equal(result.nextCheckAt, at(15)); // the 5-minute countdown before the 20-minute limit
  });

  it('evaluating twice with the same inputs starts nothing the second time', () => {
    const arbitraryLesson = fc.array(
      fc.record({
        who: fc.constantFrom('t1', 't2', 'p1', 'p2'),
        minute: fc.integer({ min: 0, max: 40 }),
        leaves: fc.boolean(),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arbitraryLesson, fc.integer({ min: 0, max: 60 }), (specs, minute) => {
        const state = meeting(
          started(at(0)),
          specs.flatMap((s, i) => [
            join(s.who.startsWith('t') ? staff(s.who) : pupil(s.who), at(s.minute), `j${i}`),
            ...(s.leaves ? [leave(s.who, at(s.minute + 1), `l${i}`)] : []),
          ]),
        );
        let book: AlertBook = {};
        book = evaluate(strict, state, at(minute), book).book;
        const second = evaluate(strict, state, at(minute), book);
        assert.deepEqual([second.started, second.cleared], [[], []]);
      }),
    );
  });
});
