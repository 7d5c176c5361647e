import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_SCHOOL_FILE } from '../../bot/src/dev/school.js';
import { loadStaffList } from '../../bot/src/runtime/loadStaffList.js';

const SECOND = 'abcdef22-2222-4222-8222-22222222beef';

describe('runtime/loadStaffList (STAFF_DIRECTORY_FILE)', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'staff-file-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const fileWith = (content: unknown, name = 'staff.json'): string => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it("reads the flat form (the school's own tenant), as before", () => {
    assert.deepEqual(loadStaffList(fileWith({ staff: ['t1'], dsl: ['d1'], names: { d1: 'Mrs Lead' } })), {
      staff: ['t1'],
      dsl: ['d1'],
      names: { d1: 'Mrs Lead' },
    });
    assert.deepEqual(loadStaffList(fileWith({})), { staff: [], dsl: [] });
  });

  it("reads the sample school the simulator ships (extra keys are the simulator's, ignored here)", () => {
    const list = loadStaffList(SAMPLE_SCHOOL_FILE);
    assert.equal(list.dsl.length, 1);
    assert.equal(list.tenants, undefined);
  });

  it('reads further schools of a trust under "tenants", keyed by tenant id in lower case whatever the spelling', () => {
    const list = loadStaffList(
      fileWith({
        staff: ['t1'],
        dsl: ['d1'],
        tenants: { [SECOND.toUpperCase()]: { staff: ['t2'], dsl: ['d2'], names: { d2: 'Mr Second' } } },
      }),
    );
    assert.deepEqual(list.tenants, { [SECOND]: { staff: ['t2'], dsl: ['d2'], names: { d2: 'Mr Second' } } });
    assert.deepEqual([list.staff, list.dsl], [['t1'], ['d1']], "the flat lists stay the home school's");
  });

  it('refuses to start on a file it cannot trust, naming the file and the place that is wrong', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ tenants: { 'st-marys': { dsl: ['d2'] } } }, /tenants\.st-marys: must be a tenant id \(a GUID\)/],
      [{ tenants: { [SECOND]: { dsl: 'd2' } } }, new RegExp(`tenants\\.${SECOND}\\.dsl: .*expected array`)],
      [
        { tenants: { [SECOND]: { dsl: ['d2'] }, [SECOND.toUpperCase()]: { dsl: ['d3'] } } },
        /this tenant is listed twice/,
      ],
      [{ tenants: [SECOND] }, /tenants: .*expected record/],
      [{ dsl: [''] }, /dsl\.0: /],
      ['{ "staff": [', /Could not read the staff directory/],
    ];
    for (const [content, reason] of cases) {
      const file = fileWith(content, 'bad.json');
      assert.throws(
        () => loadStaffList(file),
        (error: Error) => error.message.includes(file) && reason.test(error.message),
        JSON.stringify(content),
      );
    }
    assert.throws(() => loadStaffList(join(dir, 'missing.json')), /Could not read the staff directory .*missing\.json/);
  });
});
