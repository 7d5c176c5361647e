import { DeliveryFailure } from '../../bot/src/app/delivery/delivery.js';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { TableClient } from '@azure/data-tables';
import type restify from 'restify';
import sinon from 'sinon';
import type { ParticipantDirectory } from '../../bot/src/app/ports.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import { registerConcernRoutes } from '../../bot/src/http/concernRoutes.js';
import { createHttpServer } from '../../bot/src/http/server.js';
import { TableConcernStore } from '../../bot/src/storage/concerns/tableConcernStore.js';
import { formInput, T0 } from '../app/concerns/fixtures.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';
import { recordingLogger } from '../support/tabServer.js';

const SCHOOL = '00000000-0000-4000-8000-0000000000a1';
const NO_NUMBER_SCHOOL = '00000000-0000-4000-8000-0000000000b2';
const strict = policyFromPreset('strict');
const withPhone = { ...strict, dsl: { ...strict.dsl, phone: '01632 960 123' } };

/** `POST /api/concerns` on the real HTTP server and concern store (Azurite); Teams and sign-in are fakes. */
describe('http/concernRoutes: the number to phone when the DSL could not be reached', function () {
  this.timeout(20_000);
  let server: restify.Server;
  let base: string;
  let seq = 0;

  before(async () => {
    const table = TableClient.fromConnectionString(
      (await sharedAzurite()).connectionString,
      uniqueTableName('concernroutes'),
      { allowInsecureConnection: true },
    );
    await table.createTable();
    const directory = {
      classify: async () => 'staff',
      isDsl: async () => false,
      listDsls: async () => [{ aadObjectId: 'dsl-1', name: 'Mrs Fletcher' }],
      listEscalation: async () => [],
    } as unknown as ParticipantDirectory;
    const notifier = {
      // Teams does not take the DSL's card.
      alertDsl: sinon.fake.rejects(new DeliveryFailure('Forbidden', false, undefined, 403)),
      updateReporter: sinon.fake.resolves(undefined),
    };
    // The bearer token is the caller's tenant id: sign-in itself is tested elsewhere.
    const verifier = {
      verify: async (token: string) => ({ tenantId: token, aadObjectId: 'teacher-1', name: 'Ms Khan' }),
    };
    server = createHttpServer({ logger: recordingLogger(), health: () => ({ status: 'ok', checks: {} }) });
    registerConcernRoutes(server, {
      concerns: new TableConcernStore(table),
      meetings: { listMeetings: async () => [], load: async () => undefined },
      notifier,
      directory,
      verifier,
      clock: { now: () => T0 },
      logger: recordingLogger(),
      policyFor: (tenantId) => (tenantId === SCHOOL ? withPhone : strict),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const logConcern = async (tenantId: string) => {
    const res = await fetch(`${base}/api/concerns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenantId}`, 'content-type': 'application/json' },
      body: JSON.stringify(formInput({ clientRequestId: `form-route-${++seq}` })),
    });
    return { status: res.status, body: (await res.json()) as { ref: string; toldDsls: number; dslPhone?: string } };
  };

  it("answers the school's DSL number with the receipt when Teams could not reach the DSL", async () => {
    const { status, body } = await logConcern(SCHOOL);
    assert.equal(status, 201);
    assert.equal(body.toldDsls, 0);
    assert.equal(body.dslPhone, '01632 960 123');
  });

  it('gives no number for a school that set none (the receipt then says to phone the DSL)', async () => {
    const { status, body } = await logConcern(NO_NUMBER_SCHOOL);
    assert.equal(status, 201);
    assert.equal('dslPhone' in body, false);
  });
});
