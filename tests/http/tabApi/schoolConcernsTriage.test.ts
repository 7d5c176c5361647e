import assert from 'node:assert/strict';
import type { ConcernDetailView } from '../../../bot/src/app/concerns/concernDetail.js';
import { PEOPLE, SCHOOL_TENANT } from '../../support/tabServer.js';
import { DSL, now, useLoggedConcerns } from './loggedConcerns.js';

describe('http/tabApi: the DSL concern queue in the school view (/api/school/concerns)', function () {
  this.timeout(60_000);
  const { app, refs, call, post, errorOf, queueRefs, owedToReporter } = useLoggedConcerns();

  it('records each triage step in the chronology, with the reporter told as by the chat commands', async () => {
    const path = `/api/school/concerns/${refs.amira}`;
    const ack = await post(`${path}/acknowledge`);
    assert.equal(ack.status, 200);
    const acked = (await ack.json()) as ConcernDetailView;
    assert.deepEqual([acked.acknowledged, acked.acknowledgedByYou], [true, true]);
    assert.deepEqual(acked.acknowledgements, [{ name: DSL.name, at: now }]);
    assert.deepEqual(await owedToReporter(refs.amira), ['acknowledged: sent'], 'the reporter was told');
    const again = await post(`${path}/acknowledge`);
    assert.equal(again.status, 403);
    assert.match((await errorOf(again)).message, /already acknowledged/);
    assert.deepEqual(await queueRefs(), [refs.ben, refs.chloe, refs.amira], 'acknowledged goes below unacknowledged');

    assert.equal((await post(`${path}/level`, { level: 'Child protection' })).status, 200);
    const wrongLevel = await post(`${path}/level`, { level: 'purple' });
    assert.equal(wrongLevel.status, 403);
    assert.match((await errorOf(wrongLevel)).message, /not one of your school's levels/);
    assert.equal((await post(`${path}/action`, { text: '   ' })).status, 400, 'an empty note');
    assert.equal((await post(`${path}/action`, { text: 'Parents contacted', extra: 1 })).status, 400);
    assert.equal((await post(`${path}/action`, { text: 'Parents contacted' })).status, 200);
    const close = await post(`${path}/close`, { outcome: 'Referred to early help' });
    assert.equal(close.status, 200);
    const closed = (await close.json()) as ConcernDetailView;
    assert.deepEqual(
      closed.chronology.map((l) => [l.what, l.who, l.fields[0]!.value]),
      [
        ['Concern raised', PEOPLE.teacherA.name, 'Amira Khan'],
        ['Acknowledged by DSL', DSL.name, 'Read and acknowledged'],
        ['Level set', DSL.name, 'child-protection'],
        ['Action or note added', DSL.name, 'Parents contacted'],
        ['Closed', DSL.name, 'Referred to early help'],
      ],
    );
    assert.deepEqual(
      [closed.status, closed.level, closed.outcome],
      ['closed', 'child-protection', 'Referred to early help'],
    );
    assert.deepEqual(await owedToReporter(refs.amira), ['acknowledged: sent', 'closed: sent']);
    const late = await post(`${path}/action`, { text: 'One more thing' });
    assert.equal(late.status, 403);
    assert.match((await errorOf(late)).message, /already closed/);
    assert.deepEqual(await queueRefs(), [refs.ben, refs.chloe], 'closed leaves the open queue');
    assert.deepEqual(await queueRefs('?status=all'), [refs.ben, refs.chloe, refs.amira]);
    const stored = await app.core.concerns.get(SCHOOL_TENANT, refs.amira);
    assert.equal(stored?.entries.length, 5, 'the store holds what the answer said');
  });

  it('exports the chronology as a CSV or Markdown attachment, and logs no pupil name or concern text', async () => {
    const csv = await call(`/api/school/concerns/${refs.ben}/export.csv`, DSL);
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(csv.headers.get('content-disposition'), `attachment; filename="${refs.ben}.csv"`);
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    assert.ok(csvText.startsWith('\uFEFF"Reference","Entry","Date and time (Europe/London)"'), csvText.slice(0, 80));
    assert.match(csvText, /Ben Osei/);
    const md = await call(`/api/school/concerns/${refs.ben}/export.md`, DSL);
    assert.equal(md.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.equal(md.headers.get('content-disposition'), `attachment; filename="${refs.ben}.md"`);
    assert.match(await md.text(), new RegExp(`^# Safeguarding concern ${refs.ben}\n`));
    const logged = JSON.stringify(app.logLines);
    for (const secret of ['Amira', 'Ben Osei', 'SECRET-TEXT-41', 'Parents contacted'])
      assert.ok(!logged.includes(secret), `${secret} is not in the logs`);
  });
});
