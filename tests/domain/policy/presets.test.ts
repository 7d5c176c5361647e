import { strict as assert } from 'node:assert';
import { policyFromPreset, presetInput, PRESET_NAMES } from '../../../bot/src/domain/policy/presets.js';
import { parsePolicy, PolicyError } from '../../../bot/src/domain/policy/schema.js';

describe('domain/policy/presets', () => {
  for (const name of PRESET_NAMES) {
    it(`preset ${name} validates and carries a code of conduct for pupils`, () => {
      const policy = policyFromPreset(name);
      assert.equal(policy.preset, name);
      assert.ok(policy.codeOfConduct.length >= 3);
      assert.deepEqual(parsePolicy(presetInput(name)), policy);
    });
  }

  it('strict is the schema defaults: the strictest line of every seed', () => {
    const { codeOfConduct: _c, ...strict } = policyFromPreset('strict');
    const { codeOfConduct: _d, ...defaults } = parsePolicy({});
    assert.deepEqual(strict, defaults);
  });

  it('seed 001 line 4: Roche allows a supervised 1:1, seed 003 line 3 never does', () => {
    assert.equal(policyFromPreset('roche').staffing.forbidOneToOne, false);
    assert.equal(policyFromPreset('staff-guidance').staffing.forbidOneToOne, true);
  });

  it('seed 004 lines 28-29: Goodmayes limits pupil sessions to 20 and staff meetings to 40 minutes', () => {
    const goodmayes = policyFromPreset('goodmayes');
    assert.deepEqual(
      [goodmayes.duration.enabled, goodmayes.duration.pupilSessionMinutes, goodmayes.duration.staffSessionMinutes],
      [true, 20, 40],
    );
  });

  it('school presets keep the safety net on where their seed is silent', () => {
    for (const name of PRESET_NAMES) {
      const p = policyFromPreset(name);
      assert.deepEqual(
        [p.lobby.required, p.staffing.unsupervisedAlert, p.endForAll.required, p.breach.informDsl],
        [true, true, true, true],
        name,
      );
    }
  });

  it('overrides merge field by field and lists are replaced', () => {
    const policy = policyFromPreset('roche', { staffing: { minStaffWithPupils: 2 }, schoolHours: { days: [1, 2] } });
    assert.equal(policy.staffing.minStaffWithPupils, 2);
    assert.equal(policy.staffing.minParticipants, 3); // still Roche's
    assert.deepEqual(policy.schoolHours.days, [1, 2]);
    assert.equal(policy.schoolHours.start, '09:00');
  });

  it('bad overrides are refused with the path and the reason', () => {
    assert.throws(
      () => policyFromPreset('strict', { graceSeconds: -1 }),
      (e: unknown) => e instanceof PolicyError && e.issues[0]?.startsWith('graceSeconds: ') === true,
    );
    assert.throws(() => policyFromPreset('strict', 'oops' as never), PolicyError);
  });

  it('presetInput returns a copy callers may change', () => {
    const input = presetInput('goodmayes');
    input.codeOfConduct = [];
    assert.ok(policyFromPreset('goodmayes').codeOfConduct.length > 0);
  });
});
