import { strict as assert } from 'node:assert';
import { buildRegister } from '../../bot/src/domain/register.js';
import { at, check, ended, join, leave, meeting, pupil, registerMark, staff, started } from './builders.js';

describe('domain/register', () => {
  const lesson = meeting(
    started(at(0)),
    join(staff('t2', { name: 'Ms Young' }), at(0)),
    join(staff('t1', { name: 'Ms Adams' }), at(0)),
    join(pupil('p2', { name: 'Zoe' }), at(1)),
    join(pupil('p1', { name: 'Amir' }), at(2)),
    leave('p1', at(5)),
    join(pupil('p1', { name: 'Amir' }), at(7)),
    check('p1', 'consent', true, at(3)),
    check('p1', 'parentPresent', false, at(3)),
    registerMark('p2', 'left', at(9)),
  );

  it('seed 001 #11: lists staff first, then pupils, each by name', () => {
    assert.deepEqual(
      buildRegister(lesson, at(10)).map((r) => r.name),
      ['Ms Adams', 'Ms Young', 'Amir', 'Zoe'],
    );
  });

  it('seed 001 #11: adds up every stay, counting an open one to now', () => {
    const amir = buildRegister(lesson, at(10)).find((r) => r.id === 'p1');
    assert.deepEqual(amir && [amir.firstJoinAt, amir.lastLeaveAt, amir.minutesPresent, amir.presentNow], [
      at(2),
      at(5),
      6,
      true,
    ]);
    assert.deepEqual(amir?.checks, { consent: true, parentPresent: false });
  });

  it("seed 001 #11: a pupil's last leave is their own, even when Teams delivered the meeting end first", () => {
    const endFirst = meeting(started(at(0)), join(pupil('p1'), at(0)), ended(at(35)), leave('p1', at(34)));
    const row = buildRegister(endFirst, at(40)).find((r) => r.id === 'p1');
    assert.equal(row?.lastLeaveAt, at(34));
    assert.equal(row?.minutesPresent, 34);
  });

  it('seed 001 #11: an open stay ends at the meeting end; a rejoin after the end counts to now', () => {
    const after = meeting(started(at(0)), join(pupil('p1'), at(0)), ended(at(20)), join(pupil('p2'), at(25)));
    const rows = buildRegister(after, at(30));
    assert.equal(rows.find((r) => r.id === 'p1')?.minutesPresent, 20);
    assert.equal(rows.find((r) => r.id === 'p2')?.minutesPresent, 5);
  });

  it("seed 001 #11: carries the teacher's correction", () => {
    assert.equal(buildRegister(lesson, at(10)).find((r) => r.id === 'p2')?.mark, 'left');
  });
});
