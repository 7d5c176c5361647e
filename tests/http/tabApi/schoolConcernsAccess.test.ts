import assert from 'node:assert/strict';
import { OTHER_TENANT, PEOPLE } from '../../support/tabServer.js';
import { DEPUTY, DSL, OTHER_DSL, SLT, useLoggedConcerns } from './loggedConcerns.js';

describe('http/tabApi: the DSL concern queue in the school view (/api/school/concerns)', function () {
  this.timeout(60_000);
  const { app, refs, call, post, errorOf, queue, owedToReporter } = useLoggedConcerns();

  it('is for the DSL: deputies and senior leaders get a sentence, a teacher the school view refusal, no token 401', async () => {
    assert.equal((await queue()).concerns.length, 3);
    for (const person of [DEPUTY, SLT]) {
      for (const path of ['/api/school/concerns', `/api/school/concerns/${refs.ben}`]) {
        const res = await call(path, person);
        assert.equal(res.status, 403, `${person.name} ${path}`);
        const error = await errorOf(res);
        assert.equal(error.code, 'dslOnly');
        assert.match(error.message, /^Only the Designated Safeguarding Lead sees the school's safeguarding concerns/);
      }
      assert.equal((await post(`/api/school/concerns/${refs.ben}/acknowledge`, {}, person)).status, 403);
    }
    const teacher = await call('/api/school/concerns', PEOPLE.teacherA);
    assert.deepEqual([teacher.status, (await errorOf(teacher)).code], [403, 'leadersOnly']);
    assert.equal((await fetch(`${app.base}/api/school/concerns`)).status, 401);
    assert.deepEqual(await owedToReporter(refs.ben), [], 'nothing was acknowledged');
  });

  it("another school's DSL sees none of these concerns, and any reference of ours is not found", async () => {
    const theirs = await queue('', OTHER_DSL, OTHER_TENANT);
    assert.deepEqual(
      theirs.concerns.map((c) => c.ref),
      [refs.foreign],
    );
    const paths = ['', '/export.csv', '/export.md'].map((tail) => `/api/school/concerns/${refs.ben}${tail}`);
    for (const path of paths) {
      const res = await call(path, OTHER_DSL, {}, OTHER_TENANT);
      assert.equal(res.status, 404, path);
      assert.equal((await errorOf(res)).code, 'concernNotFound');
    }
    for (const [step, body] of [
      ['acknowledge', {}],
      ['close', { outcome: 'No further action' }],
    ] as const)
      assert.equal((await post(`/api/school/concerns/${refs.ben}/${step}`, body, OTHER_DSL, OTHER_TENANT)).status, 404);
    assert.equal((await call(`/api/school/concerns/${refs.foreign}`, DSL)).status, 404, 'nor theirs ours');
    assert.equal((await call('/api/school/concerns/not-a-ref', DSL)).status, 404);
  });
});
