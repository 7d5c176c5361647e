import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { sweepExpiredLessons } from '../../../bot/src/app/retention/sweepExpiredLessons.js';
import { policy } from '../../domain/builders.js';
import { DAY, T0, fakeStore, lesson, spyLogger } from './fakes.js';

const NOW = T0 + 31 * DAY;

function makeSut(
  parts: ReturnType<typeof fakeStore>,
  options: { maxLessons?: number; days?: Record<string, number> } = {},
) {
  const logger = spyLogger();
  const policyFor = (tenantId: string) => policy({ retentionDays: options.days?.[tenantId] ?? 30 });
  const run = () => sweepExpiredLessons({ ...parts, policyFor, logger, maxLessons: options.maxLessons ?? 100 }, NOW);
  return { run, logger, ...parts };
}

describe('app/retention/sweepExpiredLessons', () => {
  it('deletes a lesson last used before the retention period, its record first and its index entry last', async () => {
    const old = lesson('old', { startedAt: T0, endedAt: T0 + 3_600_000, lastEventAt: T0 + 3_600_000 });
    const sut = makeSut(fakeStore({ t: [{ meetingId: 'old', startedAt: T0 }] }, { old }));
    const summary = await sut.run();
    assert.deepEqual(summary, { lessons: 1, rows: 3, indexRows: 1, kept: 0, failed: 0, more: false });
    assert.deepEqual(sut.store.deleteLesson.firstCall.args, [{ tenantId: 't', meetingId: 'old' }]);
    assert.deepEqual(sut.store.unindex.firstCall.args, ['t', { meetingId: 'old', startedAt: T0 }]);
    sinon.assert.callOrder(sut.meetings.load, sut.store.deleteLesson, sut.store.unindex);
  });

  it("asks each school for lessons older than its own policy's retentionDays", async () => {
    const sut = makeSut(fakeStore({ a: [], b: [] }), { days: { a: 30, b: 365 } });
    await sut.run();
    assert.deepEqual(sut.store.startedBefore.args, [
      ['a', NOW - 30 * DAY],
      ['b', NOW - 365 * DAY],
    ]);
  });

  it('keeps a meeting used again within the period (a recurring link) and moves its old index entry to the latest start', async () => {
    const reopened = lesson('weekly', { startedAt: T0 + 20 * DAY, lastEventAt: T0 + 20 * DAY });
    const sut = makeSut(fakeStore({ t: [{ meetingId: 'weekly', startedAt: T0 }] }, { weekly: reopened }));
    const summary = await sut.run();
    assert.deepEqual(summary, { lessons: 0, rows: 0, indexRows: 1, kept: 1, failed: 0, more: false });
    assert.equal(sut.store.deleteLesson.callCount, 0);
    assert.deepEqual(sut.store.reindex.firstCall.args, [{ tenantId: 't', meetingId: 'weekly' }, T0 + 20 * DAY]);
    sinon.assert.callOrder(sut.store.reindex, sut.store.unindex);
  });

  it('keeps a lesson that started long ago but had an event within the period, and leaves its index entry', async () => {
    const rejoined = lesson('long', { startedAt: T0, lastEventAt: T0 + 2 * DAY });
    const sut = makeSut(fakeStore({ t: [{ meetingId: 'long', startedAt: T0 }] }, { long: rejoined }));
    assert.deepEqual(await sut.run(), { lessons: 0, rows: 0, indexRows: 0, kept: 1, failed: 0, more: false });
    assert.equal(sut.store.deleteLesson.callCount + sut.store.unindex.callCount + sut.store.reindex.callCount, 0);
  });

  it('finishes a lesson an earlier pass left half-deleted (no snapshot, index entry still there)', async () => {
    const parts = fakeStore({ t: [{ meetingId: 'gone', startedAt: T0 }] });
    parts.store.deleteLesson = sinon.fake.resolves(0);
    const sut = makeSut(parts);
    assert.deepEqual(await sut.run(), { lessons: 0, rows: 0, indexRows: 1, kept: 0, failed: 0, more: false });
    assert.equal(sut.store.deleteLesson.callCount, 1, 'rows left by the interrupted pass are looked for and deleted');
  });

  it('looks at no more than maxLessons lessons a pass and says more are left', async () => {
    const entries = ['a', 'b', 'c'].map((meetingId, i) => ({ meetingId, startedAt: T0 + i }));
    const sut = makeSut(fakeStore({ t: entries }), { maxLessons: 2 });
    const summary = await sut.run();
    assert.equal(summary.more, true);
    assert.equal(summary.lessons, 2);
    assert.equal(sut.store.deleteLesson.callCount, 2);
  });

  it('does not say more are left when the limit is met exactly', async () => {
    const sut = makeSut(
      fakeStore({
        t: [
          { meetingId: 'a', startedAt: T0 },
          { meetingId: 'b', startedAt: T0 },
        ],
      }),
      { maxLessons: 2 },
    );
    assert.equal((await sut.run()).more, false);
  });

  it('counts and logs a lesson that fails (error name only) and carries on with the rest', async () => {
    const parts = fakeStore({
      t: [
        { meetingId: 'secret-meeting-id', startedAt: T0 },
        { meetingId: 'ok', startedAt: T0 },
      ],
    });
    const deleteLesson = sinon.stub().resolves(2);
    deleteLesson.onFirstCall().rejects(new TypeError('boom in secret-meeting-id'));
    parts.store.deleteLesson = deleteLesson;
    const sut = makeSut(parts);
    const summary = await sut.run();
    assert.deepEqual(summary, { lessons: 1, rows: 2, indexRows: 1, kept: 0, failed: 1, more: false });
    assert.deepEqual(
      sut.store.unindex.args.map((args) => args[1].meetingId),
      ['ok'],
      'a lesson not deleted keeps its index entry',
    );
    assert.deepEqual(sut.logger.warn.firstCall.args[0], { err: { name: 'TypeError' } });
    assert.ok(!JSON.stringify(sut.logger.warn.args).includes('secret'));
  });

  it('stops with more left when the lesson index cannot be read, keeping what it did', async () => {
    const parts = fakeStore({ t: [{ meetingId: 'a', startedAt: T0 }] });
    parts.store.startedBefore = sinon.fake(async function* () {
      yield { meetingId: 'a', startedAt: T0 };
      throw Object.assign(new Error('Table Storage is unavailable'), { name: 'StorageUnavailableError' });
    });
    const sut = makeSut(parts);
    assert.deepEqual(await sut.run(), { lessons: 1, rows: 3, indexRows: 1, kept: 0, failed: 1, more: true });
    assert.deepEqual(sut.logger.warn.firstCall.args[0], { err: { name: 'StorageUnavailableError' } });
  });

  it("removes each school's school-view days before its own cutoff, in its own time zone; a failure is counted, not thrown", async () => {
    // School b has a school view but no lesson index (its lessons were only ever scheduled): its days go too.
    const board = {
      schools: async function* () {
        yield* ['a', 'b'];
      },
      expireBefore: sinon.stub().resolves(2),
    };
    board.expireBefore.withArgs('b').rejects(new Error('down'));
    const sut = makeSut(fakeStore({ a: [] }), { days: { a: 30, b: 365 } });
    const logger = spyLogger();
    const policyFor = (tenantId: string) => policy({ retentionDays: tenantId === 'a' ? 30 : 365 });
    const summary = await sweepExpiredLessons({ ...sut, board, policyFor, logger, maxLessons: 100 }, NOW);
    // NOW is 5 Feb 2026 09:00 UTC (GMT in London): 30 days before is 6 January, 365 days before is 5 February 2025.
    assert.deepEqual(board.expireBefore.args, [
      ['a', '2026-01-06'],
      ['b', '2025-02-05'],
    ]);
    assert.equal(summary.rows, 2, "school a's two rows");
    assert.equal(summary.failed, 1, "school b's failure");
  });
});
