import { strict as assert } from 'node:assert';
import { can, type ConcernAbility, type StaffAbility, type Viewer } from '../../bot/src/app/permissions.js';
import type { Concern } from '../../bot/src/app/concerns/types.js';
import { at, join, meeting, pupil, staff, started } from '../domain/builders.js';

const viewer = (standing: Viewer['standing'], aadObjectId = `${standing}-1`, tenantId = 'school'): Viewer => ({
  tenantId,
  aadObjectId,
  name: standing,
  standing,
});
const [dsl, teacher, reporter, pupilViewer] = [
  viewer('dsl'),
  viewer('staff'),
  viewer('staff', 'reporter-1'),
  viewer('none'),
];
const otherSchoolDsl = viewer('dsl', 'dsl-2', 'other-school');
const concern = { tenantId: 'school', ref: 'C-1', reporter: { aadObjectId: 'reporter-1', name: 'R' } } as Concern;

/** Who may do what: one row per ability, one column per person (Y allowed, . refused). */
const CONCERNS: Record<ConcernAbility, string> = {
  //         dsl teacher reporter pupil other-school-dsl
  log: 'Y   Y       Y        .     Y',
  listAll: 'Y   .       .        .     Y',
  listOwn: 'Y   Y       Y        .     Y',
  read: 'Y   .       Y        .     .',
  triage: 'Y   .       .        .     .',
  export: 'Y   .       .        .     .',
};
const STAFF: Record<StaffAbility, string> = {
  useStaffCommands: 'Y   Y       Y        .     Y',
  useDslCommands: 'Y   .       .        .     Y',
  readRegister: 'Y   Y       Y        .     Y',
  checkMeetingOptions: 'Y   Y       Y        .     Y',
};
const people = [dsl, teacher, reporter, pupilViewer, otherSchoolDsl];
const row = (table: string) => table.split(/\s+/).map((cell) => cell === 'Y');

describe('app/permissions: who may do what (one table)', () => {
  for (const [ability, expected] of Object.entries(CONCERNS) as Array<[ConcernAbility, string]>) {
    it(`${ability} a concern`, () =>
      assert.deepEqual(
        people.map((p) => can(p, ability, concern)),
        row(expected),
      ));
  }
  for (const [ability, expected] of Object.entries(STAFF) as Array<[StaffAbility, string]>) {
    it(ability, () =>
      assert.deepEqual(
        people.map((p) => can(p, ability)),
        row(expected),
      ),
    );
  }

  it('seeSchool and takeAlert: the safeguarding team only (DSL, deputy, senior leader), never other staff or pupils', () => {
    const onTeam = (team: Viewer['team']): Viewer => ({ ...viewer('staff', `${team}-1`), team });
    const asked = [{ ...dsl, team: 'dsl' as const }, onTeam('deputy'), onTeam('slt'), teacher, reporter, pupilViewer];
    for (const ability of ['seeSchool', 'takeAlert'] as const)
      assert.deepEqual(
        asked.map((p) => can(p, ability)),
        [true, true, true, false, false, false],
        ability,
      );
  });

  it("seeLesson: a DSL any lesson of the school, staff only a lesson they organised or joined as staff, never another school's", () => {
    const lesson = {
      ...meeting(
        started(at(0), { organizerId: 'organizer-1' }),
        join(staff('staff-1'), at(1)),
        join(pupil('none-1'), at(1)),
      ),
      tenantId: 'school',
    };
    const organizer = viewer('staff', 'organizer-1');
    assert.deepEqual(
      [dsl, teacher, organizer, reporter, pupilViewer, otherSchoolDsl].map((p) => can(p, 'seeLesson', lesson)),
      [true, true, true, false, false, false],
    );
  });
});
