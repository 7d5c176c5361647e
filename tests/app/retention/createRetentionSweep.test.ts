import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import {
  AFTER_FAILURE_MS,
  BACKLOG_INTERVAL_MS,
  createRetentionSweep,
  REQUEST_KEY_DAYS,
  BOOKING_DAYS,
  RETENTION_INTERVAL_MS,
} from '../../../bot/src/app/retention/createRetentionSweep.js';
import { policy } from '../../domain/builders.js';
import { DAY, T0, fakeStore, spyLogger, unreachable } from './fakes.js';

const NOW = T0 + 31 * DAY;

function makeSut(parts = fakeStore({ t: [{ meetingId: 'old', startedAt: T0 }] }), maxLessonsPerPass?: number) {
  const logger = spyLogger();
  const sweep = createRetentionSweep({
    ...parts,
    policyFor: () => policy({ retentionDays: 30 }),
    logger,
    ...(maxLessonsPerPass ? { maxLessonsPerPass } : {}),
  });
  return { sweep, logger, ...parts };
}

describe('app/retention/createRetentionSweep', () => {
  it('does a pass on the first call, then none until a day has passed', async () => {
    const sut = makeSut();
    assert.equal((await sut.sweep(NOW))?.lessons, 1);
    assert.equal(await sut.sweep(NOW + RETENTION_INTERVAL_MS - 1), undefined);
    assert.equal(sut.store.tenants.callCount, 1);
    assert.ok(await sut.sweep(NOW + RETENTION_INTERVAL_MS));
    assert.equal(sut.store.tenants.callCount, 2);
  });

  it('logs each pass with counts only', async () => {
    const sut = makeSut(fakeStore({ t: [{ meetingId: 'mtg-XYZZY', startedAt: T0 }] }));
    await sut.sweep(NOW);
    assert.equal(sut.logger.info.callCount, 1);
    assert.deepEqual(sut.logger.info.firstCall.args[0], {
      lessons: 1,
      rows: 3,
      indexRows: 1,
      kept: 0,
      failed: 0,
      more: false,
      requestKeys: 0,
      bookings: 0,
    });
    assert.ok(!JSON.stringify(sut.logger.info.args).includes('XYZZY'), 'no meeting id in the log');
  });

  it('deletes request ids older than a week in the same pass, and comes back a minute later while 1000 were deleted (more may be left)', async () => {
    const forgetBefore = sinon.stub().resolves(1_000);
    const logger = spyLogger();
    const sweep = createRetentionSweep({
      ...fakeStore({}),
      requestKeys: { forgetBefore },
      policyFor: () => policy({ retentionDays: 30 }),
      logger,
    });
    await sweep(NOW);
    assert.deepEqual(forgetBefore.firstCall.args, [NOW - REQUEST_KEY_DAYS * RETENTION_INTERVAL_MS, 1_000]);
    assert.equal(logger.info.firstCall.args[0].requestKeys, 1_000);
    assert.ok(await sweep(NOW + BACKLOG_INTERVAL_MS), 'a backlog of old ids brings the next pass forward');
    forgetBefore.rejects(new Error('boom'));
    assert.ok(await sweep(NOW + 2 * BACKLOG_INTERVAL_MS), 'a failure to delete ids never stops the lesson pass');
  });

  it('deletes bookings made more than 30 days ago in the same pass', async () => {
    const forgetBefore = sinon.stub().resolves(2);
    const logger = spyLogger();
    const sweep = createRetentionSweep({
      ...fakeStore({}),
      bookings: { forgetBefore },
      policyFor: () => policy(),
      logger,
    });
    await sweep(NOW);
    assert.deepEqual(forgetBefore.firstCall.args, [NOW - BOOKING_DAYS * RETENTION_INTERVAL_MS, 1_000]);
    assert.equal(logger.info.firstCall.args[0].bookings, 2);
  });

  it('comes back a minute later while a backlog remains', async () => {
    const sut = makeSut(
      fakeStore({
        t: [
          { meetingId: 'a', startedAt: T0 },
          { meetingId: 'b', startedAt: T0 },
        ],
      }),
      1,
    );
    assert.equal((await sut.sweep(NOW))?.more, true);
    assert.equal(await sut.sweep(NOW + BACKLOG_INTERVAL_MS - 1), undefined);
    assert.ok(await sut.sweep(NOW + BACKLOG_INTERVAL_MS));
  });

  it('comes back an hour later when storage failed part-way', async () => {
    const parts = fakeStore({});
    parts.store.tenants = sinon.fake(() => unreachable());
    const sut = makeSut(parts);
    assert.deepEqual(await sut.sweep(NOW), { lessons: 0, rows: 0, indexRows: 0, kept: 0, failed: 1, more: true });
    assert.equal(await sut.sweep(NOW + AFTER_FAILURE_MS - 1), undefined);
    assert.ok(await sut.sweep(NOW + AFTER_FAILURE_MS));
  });

  it('never runs two passes at once in one process', async () => {
    const parts = fakeStore({ t: [{ meetingId: 'old', startedAt: T0 }] });
    let release: () => void = () => undefined;
    parts.store.deleteLesson = sinon.fake(() => new Promise<number>((resolve) => (release = () => resolve(1))));
    const sut = makeSut(parts);
    const first = sut.sweep(NOW);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await sut.sweep(NOW + 2 * RETENTION_INTERVAL_MS), undefined, 'a tick during a pass does nothing');
    release();
    assert.equal((await first)?.rows, 1);
    assert.equal(sut.store.tenants.callCount, 1);
  });
});
