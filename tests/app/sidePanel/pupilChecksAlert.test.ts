import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildStatusView } from '../../../bot/src/app/sidePanel/buildStatusView.js';
import type { FindingView, PupilChecksAlert, StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import { evaluate } from '../../../bot/src/domain/evaluate.js';
import { parentPresent } from '../../../bot/src/domain/rules/parentPresent.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { allChecks, at, check, join, meeting, policy, pupil, staff, started, tick } from '../../domain/builders.js';

const strict = policy();
const PER_PUPIL_RULES = ['consent', 'parent-present', 'communal-room'];

/** The lesson as the store holds it after a sweep at `now`: its state and the findings evaluate() raised. */
function record(state: MeetingState, now: number): MeetingRecord {
  return { state, alerts: evaluate(strict, state, now, {}).book, etag: 'W/"1"' };
}

/** Two staff, everything on the checklist ticked, and the given pupils joining at minute 1; `more` after. */
function lesson(pupils: Array<{ id: string; name: string }>, ...more: MeetingEvent[]): MeetingState {
  return meeting(
    started(at(0)),
    join(staff('t1', { name: 'Ms Khan' }), at(0)),
    join(staff('t2', { name: 'Mr Osei' }), at(0)),
    pupils.map((p) => join(pupil(p.id, { name: p.name }), at(1))),
    tick('expectationsRead', at(1)),
    tick('rolesAgreed', at(1)),
    tick('recordingStarted', at(1)),
    ...more,
  );
}

const grouped = (view: StatusView): PupilChecksAlert[] =>
  view.findings.filter((f): f is PupilChecksAlert => f.kind === 'pupilChecks');
const single = (view: StatusView): FindingView[] => view.findings.filter((f): f is FindingView => f.kind === 'finding');
const THREE = [
  { id: 'p1', name: 'Amira' },
  { id: 'p2', name: 'Ben' },
  { id: 'p3', name: 'Chloe' },
];
const LATE = at(1 + strict.pupilChecks.withinMinutes + 1);

describe('app/sidePanel: per-pupil checks as one alert that names the pupils', () => {
  it('groups every missing check of three pupils into one item naming each pupil and what is missing', () => {
    const view = buildStatusView(record(lesson(THREE), LATE), strict, LATE);
    const [item, ...more] = grouped(view);
    assert.ok(item, 'one grouped item');
    assert.equal(more.length, 0);
    assert.equal(
      single(view).filter((f) => PER_PUPIL_RULES.includes(f.ruleId)).length,
      0,
      'no per-pupil finding is listed on its own',
    );
    const everything = ['consent', 'parent/carer in the room', 'communal room'];
    assert.deepEqual(
      item.pupils.map((p) => [p.name, p.missing, p.refused]),
      THREE.map((p) => [p.name, everything, []]),
    );
    assert.equal(item.findingKeys.length, 9);
    assert.equal(item.severity, 'warning');
    assert.equal(item.raisedAt, LATE);
    assert.equal(item.message, 'Checks not recorded for 3 pupils.');
    assert.match(item.action, /record it in the side panel register/);
  });

  it('lists only what is still missing for each pupil, and nothing once all are recorded', () => {
    const state = lesson(
      THREE,
      ...allChecks('p1', at(2)),
      check('p2', 'consent', true, at(2)),
      ...allChecks('p3', at(2)),
    );
    const [item] = grouped(buildStatusView(record(state, LATE), strict, LATE));
    assert.deepEqual(
      item?.pupils.map((p) => `${p.name}: ${p.missing.join(', ')}`),
      ['Ben: parent/carer in the room, communal room'],
    );
    assert.equal(item?.message, 'Checks not recorded for 1 pupil.');

    const done = lesson(THREE, ...THREE.flatMap((p) => allChecks(p.id, at(2))));
    assert.deepEqual(grouped(buildStatusView(record(done, LATE), strict, LATE)), []);
  });

  it('shows a "no" apart, with its instruction, and puts that pupil first', () => {
    const state = lesson(
      THREE,
      ...allChecks('p1', at(2)),
      ...allChecks('p3', at(2)),
      check('p2', 'consent', true, at(2)),
      check('p2', 'communalRoom', true, at(2)),
      check('p2', 'parentPresent', false, at(2)),
      check('p3', 'consent', 'notYet', at(3)),
    );
    const [item] = grouped(buildStatusView(record(state, LATE), strict, LATE));
    assert.ok(item);
    assert.deepEqual(
      item.pupils.map((p) => p.name),
      ['Ben', 'Chloe'],
    );
    assert.deepEqual(item.pupils[0]?.refused, [
      { check: 'parentPresent', words: 'no parent/carer in the room', action: parentPresent.refused.action },
    ]);
    assert.deepEqual(item.pupils[0]?.missing, []);
    assert.deepEqual(item.pupils[1]?.missing, ['consent'], 'a check set back to "not yet" is missing again');
    assert.equal(item.message, 'Checks not recorded for 1 pupil; a check recorded as no for 1 pupil.');
    assert.match(item.action, /^Do what each "no" below says now, then/);
  });

  it('keeps the most serious alerts first, and names the people other alerts are about', () => {
    // One teacher alone with one pupil: a critical one-to-one, and the pupil's checks.
    const state = meeting(
      started(at(0)),
      join(staff('t1', { name: 'Ms Khan' }), at(0)),
      join(pupil('p1', { name: 'Amira' }), at(1)),
    );
    let book = evaluate(strict, state, at(1), {}).book;
    book = evaluate(strict, state, LATE, book).book;
    const view = buildStatusView({ state, alerts: book, etag: 'W/"1"' }, strict, LATE);
    assert.equal(view.findings[0]?.severity, 'critical');
    const oneToOne = single(view).find((f) => f.ruleId === 'no-one-to-one');
    assert.deepEqual(oneToOne?.about, ['Ms Khan', 'Amira']);
    const at1 = view.findings.findIndex((f) => f.kind === 'pupilChecks');
    assert.ok(
      at1 > view.findings.findIndex((f) => f.severity === 'critical'),
      'the grouped warning comes after every critical alert',
    );
    assert.equal(grouped(view).length, 1);
  });

  it('says who is dealing with one pupil\'s checks, from an "I\'m dealing with it" on any of them', () => {
    const alerts = evaluate(strict, lesson(THREE), LATE, {}).book;
    const ack: MeetingEvent = {
      kind: 'alertAcknowledged',
      id: 'ack',
      at: LATE + 1000,
      findingKey: 'consent:p2',
      raisedAt: LATE,
      by: 't1',
      byName: 'Ms Khan',
    };
    const [item] = grouped(buildStatusView({ state: lesson(THREE, ack), alerts, etag: 'W/"1"' }, strict, LATE + 2000));
    assert.deepEqual(
      item?.pupils.map((p) => p.acknowledged?.name),
      [undefined, 'Ms Khan', undefined],
    );
  });

  it('never puts a pupil name into a domain finding (the DSL preview is built from them), while the staff view names every pupil', () => {
    const name = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }),
      fc.stringMatching(/^[A-Z][a-z]{2,12}( [A-Z][a-z]{2,12})?$/),
    );
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), fc.boolean(), (names, oneNo) => {
        const pupils = names.map((n, i) => ({ id: `p${i}`, name: n }));
        const state = lesson(pupils, ...(oneNo ? [check('p0', 'consent', false, at(2))] : []));
        const neutral = lesson(
          pupils.map((p) => ({ ...p, name: 'Placeholder' })),
          ...(oneNo ? [check('p0', 'consent', false, at(2))] : []),
        );
        const texts = (s: MeetingState) =>
          evaluate(strict, s, LATE, {})
            .active.map((f) => `${f.key}|${f.message}|${f.action}`)
            .sort();
        const found = texts(state);
        // The findings read exactly the same whatever the pupils are called...
        assert.deepEqual(found, texts(neutral));
        // ...so no name appears in them, unless it is a word the wording uses anyway.
        for (const n of names)
          if (!texts(neutral).join('\n').includes(n))
            assert.ok(!found.some((t) => t.includes(n)), `"${n}" in a finding`);
        const [item] = grouped(buildStatusView(record(state, LATE), strict, LATE));
        assert.deepEqual(new Set(item?.pupils.map((p) => p.name)), new Set(names));
      }),
      { numRuns: 60 },
    );
  });
});
