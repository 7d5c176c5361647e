import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { can, type ConcernAbility } from '../../../bot/src/app/permissions.js';
import { concernToCsv, concernToMarkdown } from '../../../bot/src/app/concerns/exportFormats.js';
import { toCsv } from '../../../bot/src/app/csv.js';
import { parseConcernInput } from '../../../bot/src/app/concerns/input.js';
import { REFERENCE_ALPHABET, newConcernRef, parseConcernRef } from '../../../bot/src/app/concerns/reference.js';
import { formatInZone, localDateAndTime, zonedToEpoch } from '../../../bot/src/app/time.js';
import { OTHER_TENANT, T0, concern, formInput, viewer } from './fixtures.js';

describe('app/concerns: access', () => {
  const mine = concern('C-7K3F9Q', viewer('staff', 'staff-1'));
  const cases: Array<[string, ReturnType<typeof viewer>, ConcernAbility, boolean]> = [
    ['a DSL reads any concern of the tenant', viewer('dsl'), 'read', true],
    ['a DSL of another tenant reads nothing', viewer('dsl', 'dsl-x', OTHER_TENANT), 'read', false],
    ['the reporter reads their own', viewer('staff', 'staff-1'), 'read', true],
    ['other staff cannot read it', viewer('staff', 'staff-2'), 'read', false],
    ['the reporter cannot triage their own', viewer('staff', 'staff-1'), 'triage', false],
    ['a DSL triages', viewer('dsl'), 'triage', true],
    ['only a DSL exports', viewer('staff', 'staff-1'), 'export', false],
    ['a pupil reads nothing', viewer('none', 'staff-1'), 'read', false],
    ['a pupil logs nothing', viewer('none'), 'log', false],
    ['staff log', viewer('staff'), 'log', true],
    ['only a DSL lists the tenant', viewer('staff'), 'listAll', false],
  ];
  for (const [name, who, ability, expected] of cases) it(name, () => assert.equal(can(who, ability, mine), expected));
});

describe('app/concerns: input', () => {
  it('accepts a complete form and trims the words', () => {
    const parsed = parseConcernInput(formInput({ pupilName: '  Zebedee Quill ' }), T0);
    assert.equal(parsed.ok && parsed.value.details.pupilName, 'Zebedee Quill');
  });

  it('gives one message per missing or bad field', () => {
    const parsed = parseConcernInput({ clientRequestId: 'form-0000-0001', category: 'rumour', urgency: 'soon' }, T0);
    assert.ok(!parsed.ok);
    assert.deepEqual(Object.keys(parsed.errors).sort(), [
      'actionsTaken',
      'category',
      'happenedAt',
      'pupilName',
      'urgency',
      'whatHappened',
    ]);
    assert.match(parsed.errors.pupilName!, /pupil's name/);
  });

  it('refuses a time in the future and keeps a lesson link only with its id', () => {
    assert.deepEqual(parseConcernInput(formInput({ happenedAt: T0 + 3_600_000 }), T0), {
      ok: false,
      errors: { happenedAt: 'That time is in the future; enter when it actually happened.' },
    });
    const linked = parseConcernInput(formInput({ meetingId: 'm-1', meetingTitle: 'Year 5' }), T0);
    assert.deepEqual(linked.ok && linked.value.details.lesson, { meetingId: 'm-1', title: 'Year 5' });
  });

  it('copes with a form that is not an object', () => {
    assert.equal(parseConcernInput('nonsense', T0).ok, false);
  });
});

describe('app/concerns: references', () => {
  it('makes references of six unambiguous characters that read back as themselves', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(REFERENCE_ALPHABET.length - 1), { minLength: 6, maxLength: 6 }), (picks) => {
        let i = 0;
        const ref = newConcernRef(() => picks[i++]!);
        return (
          /^C-[^01ILOUV]{6}$/.test(ref) &&
          parseConcernRef(ref.toLowerCase()) === ref &&
          parseConcernRef(ref.slice(2)) === ref
        );
      }),
    );
  });

  it('rejects anything else, including query syntax', () => {
    for (const bad of ['', 'C-12345', 'C-OOOOOO', "C-7K3F9Q' or '1'='1", 'C-7K3F9Q-0001'])
      assert.equal(parseConcernRef(bad), undefined, bad);
  });
});

describe("app/concerns: time in the school's zone", () => {
  it('shows GMT in winter and BST in summer', () => {
    assert.equal(formatInZone(Date.UTC(2026, 0, 10, 9, 5), 'Europe/London'), '2026-01-10 09:05 GMT');
    assert.equal(formatInZone(Date.UTC(2026, 5, 10, 9, 5), 'Europe/London'), '2026-06-10 10:05 BST');
  });

  it('turns a date and time typed in the zone back into the same instant', () => {
    const minute = 60_000;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1) / minute, max: Date.UTC(2030, 0, 1) / minute }), (m) => {
        const at = m * minute;
        const { date, time } = localDateAndTime(at, 'Europe/London');
        const back = zonedToEpoch(date, time, 'Europe/London');
        // The repeated autumn hour is ambiguous on a clock; either reading is an hour apart at most.
        return back === at || Math.abs((back ?? 0) - at) === 3_600_000;
      }),
    );
  });

  it("reads a time on the days the clocks change as the school's clocks showed it, in zones east and west of Greenwich", () => {
    const days: Array<[string, string, string[]]> = [
      ['Europe/London', '2026-03-29', ['01:00', '01:30']],
      ['Europe/London', '2026-10-25', []],
      ['America/New_York', '2026-03-08', ['02:00', '02:30']],
      ['Australia/Sydney', '2026-04-05', []],
      ['Australia/Sydney', '2026-10-04', ['02:00', '02:30']],
    ];
    for (const [zone, date, skipped] of days) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const back = localDateAndTime(zonedToEpoch(date, time, zone)!, zone);
        const expected = skipped.includes(time)
          ? `${String(Math.floor(minutes / 60) + 1).padStart(2, '0')}:${time.slice(3)}`
          : time;
        assert.deepEqual([back.date, back.time], [date, expected], `${zone} ${date} ${time}`);
      }
    }
    // The repeated autumn hour: its first reading (01:30 BST, 00:30 UTC).
    assert.equal(zonedToEpoch('2026-10-25', '01:30', 'Europe/London'), Date.UTC(2026, 9, 25, 0, 30));
  });

  it('rejects dates that do not exist', () => {
    assert.equal(zonedToEpoch('2026-02-30', '10:00', 'Europe/London'), undefined);
    assert.equal(zonedToEpoch('', '10:00', 'Europe/London'), undefined);
    assert.equal(zonedToEpoch('2026-02-03', '25:00', 'Europe/London'), undefined);
  });
});

describe('app/concerns: export formats', () => {
  it('neutralises spreadsheet formulas and quotes every cell', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      assert.equal(toCsv([[`${start}SUM(A1)`]]), `"'${start}SUM(A1)"\r\n`);
    assert.equal(toCsv([['say "hi"', undefined, 3, true]]), '"say ""hi""","","3","true"\r\n');
  });

  it('puts every field of every entry in the CSV and the Markdown', () => {
    const c = concern();
    c.entries.push({
      seq: 1,
      kind: 'actionAdded',
      at: T0 + 60_000,
      by: { aadObjectId: 'dsl-1', name: 'Mrs Lead' },
      text: '# not a heading\n- nor a list [link](http://x)',
    });
    const csv = concernToCsv(c, 'Europe/London');
    assert.equal(csv.trim().split('\r\n').length, 1 + 7 + 1);
    const md = concernToMarkdown(c, 'Europe/London');
    assert.match(md, /### 2\. Action or note added: 2026-03-12 10:01 GMT, Mrs Lead/);
    assert.match(md, /> \\# not a heading\n> \\- nor a list \\\[link\\\]\(http:\/\/x\)/);
  });
});
