import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { BoardKeeper } from '../../../bot/src/app/schoolView/boardKeeper.js';
import type { SchoolBoardStore } from '../../../bot/src/app/schoolView/ports.js';
import type { LessonBook } from '../../../bot/src/app/ports.js';
import { at, details, join, leave, meeting, policy, pupil, staff, started } from '../../domain/builders.js';

const KEY = { tenantId: 'tenant-1', meetingId: 'meeting-1' };
const POLICY = policy();
const quietLogger = () => {
  const logger = { debug: sinon.spy(), info: sinon.spy(), warn: sinon.spy(), error: sinon.spy(), child: () => logger };
  return logger;
};
const fakeStore = () => ({
  put: sinon.stub<Parameters<SchoolBoardStore['put']>, ReturnType<SchoolBoardStore['put']>>().resolves('written'),
  remove: sinon.stub<Parameters<SchoolBoardStore['remove']>, Promise<void>>().resolves(),
  day: sinon.stub<Parameters<SchoolBoardStore['day']>, ReturnType<SchoolBoardStore['day']>>().resolves([]),
});
const book = (...events: Parameters<typeof meeting>): LessonBook => ({ state: meeting(...events), alerts: {} });

describe('app/schoolView/boardKeeper: the board follows each stored lesson version', () => {
  afterEach(() => sinon.restore());

  it('writes a changed row with the revision it came from, and skips a version that changes nothing on the board', async () => {
    const store = fakeStore();
    const written = sinon.spy();
    const keeper = new BoardKeeper({ store, policyFor: () => POLICY, logger: quietLogger(), onWritten: written });
    keeper.lessonStored(KEY, book(started(at(0)), join(staff('s1'), at(0))), 1);
    await keeper.idle();
    keeper.lessonStored(KEY, book(started(at(0)), join(staff('s1'), at(0))), 2);
    await keeper.idle();
    keeper.lessonStored(KEY, book(started(at(0)), join(staff('s1'), at(0)), join(pupil('p1'), at(1))), 3);
    await keeper.idle();
    assert.deepEqual(
      store.put.getCalls().map((c) => [c.args[0].revision, c.args[0].entry.pupilsIn, c.args[0].day]),
      [
        [1, 0, '2024-03-04'],
        [3, 1, '2024-03-04'],
      ],
    );
    assert.deepEqual(written.args, [['tenant-1'], ['tenant-1']]);
  });

  it('a burst of versions while a write is running costs one more write, of the newest', async () => {
    const store = fakeStore();
    let release!: () => void;
    store.put.onFirstCall().returns(new Promise((resolve) => (release = () => resolve('written'))));
    const keeper = new BoardKeeper({ store, policyFor: () => POLICY, logger: quietLogger() });
    keeper.lessonStored(KEY, book(started(at(0))), 1);
    for (let n = 2; n <= 6; n += 1) keeper.lessonStored(KEY, book(started(at(0)), join(pupil(`p${n}`), at(1))), n);
    release();
    await keeper.idle();
    assert.deepEqual(
      store.put.getCalls().map((c) => c.args[0].revision),
      [1, 6],
    );
  });

  it('storage failing: logs once without personal data, and the row lands on a later try', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = fakeStore();
    store.put.onFirstCall().rejects(Object.assign(new Error('down'), { name: 'StorageUnavailableError' }));
    const logger = quietLogger();
    const keeper = new BoardKeeper({ store, policyFor: () => POLICY, logger, retryMs: 1_000 });
    keeper.lessonStored(KEY, book(started(at(0), { title: 'Pupil Jo Bloggs' })), 1);
    await keeper.idle();
    assert.equal(store.put.callCount, 1);
    assert.equal(logger.warn.callCount, 1);
    assert.ok(!JSON.stringify(logger.warn.args).includes('Bloggs'));
    await clock.tickAsync(1_000);
    await keeper.idle();
    assert.equal(store.put.callCount, 2);
    assert.equal(store.put.secondCall.args[0].revision, 1);
    keeper.stop();
  });

  it('people coming and going are written at most every 5 s per lesson; pupils left with no adult are written at once', async () => {
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const store = fakeStore();
    const keeper = new BoardKeeper({ store, policyFor: () => POLICY, logger: quietLogger() });
    const lesson = [started(at(0)), join(staff('s1'), at(0)), join(staff('s2'), at(0)), join(pupil('p1'), at(1))];
    keeper.lessonStored(KEY, book(...lesson), 1);
    await keeper.idle();
    keeper.lessonStored(KEY, book(...lesson, join(pupil('p2'), at(2))), 2);
    keeper.lessonStored(KEY, book(...lesson, join(pupil('p2'), at(2)), join(pupil('p3'), at(2))), 3);
    await keeper.idle();
    assert.deepEqual(
      store.put.getCalls().map((c) => c.args[0].revision),
      [1],
      'the counts wait',
    );
    await clock.tickAsync(5_000);
    await keeper.idle();
    assert.deepEqual(
      store.put.getCalls().map((c) => [c.args[0].revision, c.args[0].entry.pupilsIn]),
      [
        [1, 1],
        [3, 3],
      ],
      'then the newest counts land, once',
    );
    const alone = [...lesson, leave('s1', at(3)), leave('s2', at(3))];
    keeper.lessonStored(KEY, book(...alone), 4);
    await keeper.idle();
    assert.deepEqual(store.put.lastCall.args[0].entry.noAdult, true, 'no waiting for pupils with no adult');
    assert.equal(store.put.callCount, 3);
    keeper.stop();
  });

  it("moves a lesson whose scheduled day changed: the old day's row is removed", async () => {
    const store = fakeStore();
    const keeper = new BoardKeeper({ store, policyFor: () => POLICY, logger: quietLogger() });
    keeper.lessonStored(KEY, book(details(at(0), { scheduledStart: at(0) + 86_400_000 })), 1);
    await keeper.idle();
    keeper.lessonStored(KEY, book(details(at(0), { scheduledStart: at(0) + 86_400_000 }), started(at(1))), 2);
    await keeper.idle();
    assert.deepEqual(
      store.put.getCalls().map((c) => c.args[0].day),
      ['2024-03-05', '2024-03-04'],
    );
    assert.deepEqual(store.remove.firstCall.args, ['tenant-1', '2024-03-05', 'meeting-1']);
  });
});
