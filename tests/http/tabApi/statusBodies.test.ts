import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { StatusBodies } from '../../../bot/src/http/tabApi/statusBodies.js';

describe('http/tabApi/statusBodies: a status answer built once per lesson and tag (issue 21)', () => {
  const lesson = { tenantId: 'school-a', meetingId: 'lesson-1' };

  it('builds the answer once for a tag and serves the same bytes to every later poll with it', () => {
    const bodies = new StatusBodies();
    const build = sinon.stub().returns({ pupils: 3 });
    const first = bodies.body(lesson, '"t1"', build);
    assert.equal(bodies.body(lesson, '"t1"', build), first);
    assert.deepEqual(JSON.parse(first), { pupils: 3 });
    assert.equal(build.callCount, 1);
  });

  it('builds again when the tag moves on (a new event, a new minute)', () => {
    const bodies = new StatusBodies();
    const build = sinon.stub();
    build.onFirstCall().returns({ pupils: 3 });
    build.onSecondCall().returns({ pupils: 4 });
    bodies.body(lesson, '"t1"', build);
    assert.deepEqual(JSON.parse(bodies.body(lesson, '"t2"', build)), { pupils: 4 });
  });

  it('never gives one lesson the answer of another with the same tag, in this school or another', () => {
    const bodies = new StatusBodies();
    bodies.body(lesson, '"same"', () => ({ lesson: 'mine' }));
    const otherLesson = bodies.body({ ...lesson, meetingId: 'lesson-2' }, '"same"', () => ({ lesson: 'other' }));
    const otherSchool = bodies.body({ ...lesson, tenantId: 'school-b' }, '"same"', () => ({ lesson: 'theirs' }));
    assert.deepEqual(JSON.parse(otherLesson), { lesson: 'other' });
    assert.deepEqual(JSON.parse(otherSchool), { lesson: 'theirs' });
  });
});
