import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskJournal } from '../../bot/src/storage/diskJournal.js';

describe('storage/diskJournal (write-ahead journal of what storage could not take yet)', () => {
  const fresh = () => join(mkdtempSync(join(tmpdir(), 'journal-')), 'held');

  it('a later process takes back what an earlier one appended, in order, by claiming its file; a claim never cleared is taken again', () => {
    const dir = fresh();
    const before = new DiskJournal(dir);
    before.append({ n: 1 });
    before.append({ n: 2 });
    const after = new DiskJournal(dir);
    assert.deepEqual(after.recover(), { entries: [{ n: 1 }, { n: 2 }], tornLines: 0 });
    assert.ok(
      readdirSync(dir).every((name) => name.startsWith('claimed-')),
      'claimed by an atomic rename',
    );
    // The claimer may die before writing them: the next process takes them again (events carry ids, so a replay is
    // harmless).
    assert.deepEqual(new DiskJournal(dir).recover().entries, [{ n: 1 }, { n: 2 }]);
  });

  it('a line cut short by a crash is skipped and counted (it was never answered); the lines before it are kept', () => {
    const dir = fresh();
    const before = new DiskJournal(dir);
    before.append({ n: 1 });
    const [file] = readdirSync(dir);
    appendFileSync(join(dir, file!), '{"n": 2, "cut');
    assert.deepEqual(new DiskJournal(dir).recover(), { entries: [{ n: 1 }], tornLines: 1 });
  });

  it('clear deletes its own journal and those it claimed, and only once everything was written', () => {
    const dir = fresh();
    new DiskJournal(dir).append({ n: 1 });
    const current = new DiskJournal(dir);
    assert.equal(current.recover().entries.length, 1);
    current.append({ n: 2 });
    assert.equal(readdirSync(dir).length, 2);
    current.clear();
    assert.deepEqual(readdirSync(dir), []);
    assert.deepEqual(new DiskJournal(dir).recover().entries, []);
  });

  it('a missing directory is an empty journal, created on the first append', () => {
    const dir = fresh();
    assert.deepEqual(new DiskJournal(dir).recover(), { entries: [], tornLines: 0 });
    new DiskJournal(dir).append({ n: 1 });
    assert.equal(readdirSync(dir).length, 1);
  });
});
