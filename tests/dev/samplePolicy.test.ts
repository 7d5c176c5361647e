import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schoolInWords } from '../../bot/src/domain/policy/describe.js';
import { loadPolicy } from '../../bot/src/runtime/loadPolicy.js';

const file = fileURLToPath(new URL('../../bot/src/dev/samplePolicy.yaml', import.meta.url));
const sampleSchool = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../bot/src/dev/sampleSchool.json', import.meta.url)), 'utf8'),
) as { school: string };

describe("dev/samplePolicy.yaml (the sample school's policy for npm start)", () => {
  it('names the same fictional school as the sample staff file, so nothing reads "Our school"', () => {
    const policy = loadPolicy({ preset: 'strict', file });
    assert.equal(policy.school.name, sampleSchool.school);
    assert.equal(schoolInWords(policy.school.name), sampleSchool.school);
  });

  it('names no preset, so "npm start -- --policy <preset>" still chooses the rules', () => {
    const policy = loadPolicy({ preset: 'goodmayes', file });
    assert.equal(policy.preset, 'goodmayes');
    assert.equal(policy.pupilChecks.consent, false, 'Goodmayes asks for no consent check; the strict preset does');
  });
});
