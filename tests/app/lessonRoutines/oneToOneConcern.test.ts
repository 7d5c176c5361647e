import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import sinon from 'sinon';
import { createOneToOneConcern } from '../../../bot/src/app/lessonRoutines/oneToOneConcern.js';
import { TableConcernStore } from '../../../bot/src/storage/concerns/tableConcernStore.js';
import { sharedAzurite, uniqueTableName } from '../../support/azurite.js';
import { at, join, meeting, pupil, staff, started } from '../../domain/builders.js';
import { fakeLogger } from './fakes.js';

const TENANT = 'tenant-1';
const KEY = { tenantId: TENANT, meetingId: '19:meeting_abc/with#odd?chars' };
const lesson = meeting(
  started(at(0), { title: 'Year 5 maths' }),
  join(staff('teacher', { name: 'Ms Khan' }), at(0)),
  join(pupil('amira', { name: 'Amira' }), at(1)),
);

describe('app/lessonRoutines/oneToOneConcern (real concern store on Azurite)', function () {
  this.timeout(20_000);
  let store: TableConcernStore;
  before(async () => {
    const table = TableClient.fromConnectionString(
      (await sharedAzurite()).connectionString,
      uniqueTableName('onetoone'),
      { allowInsecureConnection: true },
    );
    await table.createTable();
    store = new TableConcernStore(table);
  });

  function makeSut() {
    const alertDsls = sinon.fake.resolves({});
    const record = createOneToOneConcern({
      store,
      notifier: { alertDsl: alertDsls, updateReporter: sinon.fake.resolves({}) },
      directory: { listDsls: async () => [{ aadObjectId: 'dsl-1', name: 'Mrs Lead' }], listEscalation: async () => [] },
      clock: { now: () => at(2) },
      logger: fakeLogger(),
    });
    return { record, alertDsls };
  }

  it('seed 003 bullet 1 and DESIGN 6a: a one-to-one is recorded once per lesson as a possible low-level concern about staff conduct, content-light and in "school policy" words', async () => {
    const { record, alertDsls } = makeSut();
    await record(KEY, lesson, at(2));
    await record(KEY, lesson, at(2)); // the alert raised again later in the same lesson
    const { concerns } = await store.list(TENANT, { status: 'all' });
    const mine = concerns.filter((c) => c.details.lesson?.meetingId === KEY.meetingId);
    assert.equal(mine.length, 1, 'idempotent per lesson');
    const details = mine[0]!.details;
    assert.equal(details.category, 'staff-conduct');
    assert.equal(details.urgency, 'routine');
    assert.equal(details.happenedAt, at(2));
    assert.deepEqual(details.lesson, { meetingId: KEY.meetingId, title: 'Year 5 maths' });
    assert.match(details.whatHappened, /school's policy/);
    assert.match(details.whatHappened, /low-level concern about staff conduct/);
    assert.doesNotMatch(JSON.stringify(mine[0]), /Amira|Ms Khan|KCSIE/);
    assert.equal(alertDsls.callCount, 1, 'the DSL is told of the record once');
  });

  it('a different lesson gets its own record', async () => {
    const { record } = makeSut();
    await record({ tenantId: TENANT, meetingId: 'another-lesson' }, lesson, at(3));
    const { concerns } = await store.list(TENANT, { status: 'all' });
    assert.ok(concerns.some((c) => c.details.lesson?.meetingId === 'another-lesson'));
  });
});
