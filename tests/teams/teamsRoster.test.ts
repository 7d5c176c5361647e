import { strict as assert } from 'node:assert';
import type { MeetingAddress } from '../../bot/src/app/ports.js';
import { TeamsRoster } from '../../bot/src/teams/teamsRoster.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { anonymousAdapter, captureLogger } from './messages/harness.js';

const TENANT = '00000000-0000-4000-8000-00000000fa4e';
const people = ['teacher', 'amira', 'ben', 'chloe', 'dev', 'erin'].map((id) => ({ id, teamsId: `29:${id}` }));

describe('teams/teamsRoster', function () {
  // Real sockets: the lookup deadline below is real time, kept short; nothing asserts how long anything took.
  this.timeout(10_000);
  const connector = new FakeConnector();
  before(() => connector.start());
  after(() => connector.stop());
  afterEach(() => {
    connector.recover();
    connector.clear();
  });

  function makeSut() {
    const log = captureLogger();
    const roster = new TeamsRoster({
      adapter: anonymousAdapter(),
      botAppId: '',
      logger: log.logger,
      lookupTimeoutMs: 300,
    });
    return { roster, log };
  }
  const address = (meetingId: string): MeetingAddress => ({
    key: { tenantId: TENANT, meetingId },
    serviceUrl: connector.url,
    conversationId: `19:meeting_${meetingId}@thread.v2`,
    title: 'Year 5 maths',
  });
  const lookupsOf = (meetingId: string) => connector.requestsTo(`/v1/meetings/${meetingId}/participants/`);

  it('DESIGN 6a: says who Teams reports in the meeting, asking with the tenant', async () => {
    for (const person of people)
      connector.setParticipant('meeting-ok', person.teamsId, { inMeeting: person.id !== 'ben' });
    const { roster } = makeSut();
    const answers = await roster.inMeeting(address('meeting-ok'), people);
    assert.deepEqual([...answers!.entries()].sort(), people.map((p) => [p.id, p.id !== 'ben']).sort());
    assert.equal(lookupsOf('meeting-ok').length, people.length);
    assert.ok(lookupsOf('meeting-ok').every((r) => r.query.tenantId === TENANT));
  });

  it('issue 15: a connector that never answers is given up on at the lookup deadline; the check counts as unanswered and the rest are not asked', async () => {
    connector.hang('meeting-hung');
    const { roster, log } = makeSut();
    assert.equal(await roster.inMeeting(address('meeting-hung'), people), undefined);
    assert.equal(lookupsOf('meeting-hung').length, 4, 'only the four lookups already in flight were made');
    const warnings = log.lines
      .map((l) => JSON.parse(l) as { level: string; msg: string })
      .filter((l) => l.level === 'warn');
    assert.deepEqual(
      warnings.map((w) => w.msg),
      ['Teams did not answer a roster lookup in time; the check counts as unanswered'],
    );
    assert.doesNotMatch(log.text(), /amira|29:/, 'no person ids in the log');
  });

  it("issue 15: a failing connector does not get the SDK's long retry chain: the deadline covers the retries", async () => {
    connector.failNext(1_000, 503);
    const { roster } = makeSut();
    assert.equal(await roster.inMeeting(address('meeting-503'), people), undefined);
    assert.equal(lookupsOf('meeting-503').length, 4, 'one attempt per lookup in flight, no retries after the deadline');
  });

  it('another lesson on the same connector is answered while one hangs', async () => {
    connector.hang('meeting-dead');
    connector.setParticipant('meeting-live', '29:amira', { inMeeting: true });
    const { roster } = makeSut();
    const [dead, live] = await Promise.all([
      roster.inMeeting(address('meeting-dead'), people),
      roster.inMeeting(address('meeting-live'), [people[1]!]),
    ]);
    assert.equal(dead, undefined);
    assert.deepEqual([...live!.entries()], [['amira', true]]);
  });
});
