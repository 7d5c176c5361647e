import assert from 'node:assert/strict';
import type { ConcernDetailView } from '../../../bot/src/app/concerns/concernDetail.js';
import { PEOPLE } from '../../support/tabServer.js';
import { DSL, T0, useLoggedConcerns } from './loggedConcerns.js';

describe('http/tabApi: the DSL concern queue in the school view (/api/school/concerns)', function () {
  this.timeout(60_000);
  const { refs, call, errorOf, queue, queueRefs } = useLoggedConcerns();

  it('orders urgent first, then unacknowledged, then the oldest, and says what each row needs', async () => {
    const view = await queue();
    assert.equal(view.timeZone, 'Europe/London');
    assert.deepEqual(
      view.concerns.map((c) => c.ref),
      [refs.ben, refs.amira, refs.chloe],
    );
    assert.deepEqual(view.concerns[1], {
      ref: refs.amira,
      pupil: 'Amira Khan',
      category: 'neglect',
      categoryLabel: 'Neglect',
      urgency: 'routine',
      reporter: PEOPLE.teacherA.name,
      lesson: 'Year 5 maths',
      loggedAt: T0,
      acknowledged: false,
      status: 'open',
    });
  });

  it('filters by pupil, category, lesson and reporter; a filter it cannot read is a 400 with a sentence', async () => {
    assert.deepEqual(await queueRefs('?pupil=amira'), [refs.amira]);
    assert.deepEqual(await queueRefs('?category=online-safety'), [refs.ben]);
    assert.deepEqual(await queueRefs('?lesson=MATHS'), [refs.amira]);
    assert.deepEqual(await queueRefs(`?reporter=${encodeURIComponent('Mr Brown')}`), [refs.ben]);
    assert.deepEqual(await queueRefs('?reporter=adams&category=emotional'), [refs.chloe]);
    const bad = await call('/api/school/concerns?category=gossip', DSL);
    assert.deepEqual([bad.status, (await errorOf(bad)).code], [400, 'badFilter']);
  });

  it('opens a concern as its chronology, with the school levels to choose from', async () => {
    const res = await call(`/api/school/concerns/${refs.amira.toLowerCase()}`, DSL);
    assert.equal(res.status, 200);
    const view = (await res.json()) as ConcernDetailView;
    assert.equal(view.ref, refs.amira);
    assert.match(view.lessonWords, /^"Year 5 maths"/);
    assert.deepEqual(view.levels, ['low-level', 'concern', 'child-protection']);
    assert.equal(view.chronology.length, 1);
    const raised = view.chronology[0]!;
    assert.deepEqual(
      [raised.what, raised.who, raised.when],
      ['Concern raised', PEOPLE.teacherA.name, '2026-03-10 10:00 GMT'],
    );
    assert.ok(raised.fields.some((f) => f.label === 'Pupil' && f.value === 'Amira Khan'));
  });
});
