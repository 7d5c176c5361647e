import { strict as assert } from 'node:assert';
import { configuredSchoolName, describePolicy, schoolInWords } from '../../../bot/src/domain/policy/describe.js';
import { parsePolicy } from '../../../bot/src/domain/policy/schema.js';
import { policyFromPreset, PRESET_NAMES } from '../../../bot/src/domain/policy/presets.js';
import { RULES } from '../../../bot/src/domain/rules/index.js';

describe('domain/policy/describe', () => {
  it('the strict policy describes every rule, with the seed lines it comes from', () => {
    const lines = describePolicy(policyFromPreset('strict'));
    for (const rule of RULES)
      if (rule.id !== 'record-if-single-staff')
        assert.ok(
          lines.some((l) => l.ruleId === rule.id),
          rule.id,
        );
    assert.ok(lines.every((l) => l.text.length > 20 && /seed \d{3}/.test(l.source)));
  });

  it('reflects the preset: Goodmayes talks of 20 minutes, Roche of 09:00 to 15:00', () => {
    assert.ok(
      describePolicy(policyFromPreset('goodmayes')).some(
        (l) => l.ruleId === 'max-duration' && l.text.includes('20 minutes'),
      ),
    );
    assert.ok(
      describePolicy(policyFromPreset('roche')).some(
        (l) => l.ruleId === 'school-hours' && l.text.includes('09:00 and 15:00'),
      ),
    );
    assert.ok(!describePolicy(policyFromPreset('home-school')).some((l) => l.ruleId === 'school-hours'));
  });

  it("never cites statutory guidance for the school's own choices", () => {
    for (const name of PRESET_NAMES)
      assert.ok(describePolicy(policyFromPreset(name)).every((l) => !/KCSIE/.test(l.text)));
  });

  it('names an unconfigured school "your school", never the schema\'s placeholder', () => {
    const placeholder = parsePolicy({}).school.name;
    assert.equal(configuredSchoolName(placeholder), undefined);
    assert.equal(schoolInWords(placeholder), 'your school');
    assert.equal(schoolInWords('  ', true), 'Your school');
    assert.equal(schoolInWords(' Oakfield Primary '), 'Oakfield Primary');
  });
});
