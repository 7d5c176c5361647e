import { strict as assert } from 'node:assert';
import { FakeConnectorCore, personalConversationId } from '../../../bot/src/dev/connector/fakeConnector.js';

const req = (method: string, path: string, body?: unknown) => ({ method, path, query: {}, headers: {}, body });

describe('dev/connector/fakeConnector: the one fake Bot Connector (simulator and tests)', () => {
  it('gives a user the same 1:1 conversation every time, as Teams does, and a new one for anything else', () => {
    const connector = new FakeConnectorCore();
    const one = connector.handle(req('POST', '/v3/conversations', { isGroup: false, members: [{ id: 'oid-1' }] }));
    const again = connector.handle(req('POST', '/v3/conversations', { isGroup: false, members: [{ id: 'oid-1' }] }));
    const group = connector.handle(
      req('POST', '/v3/conversations', { isGroup: true, members: [{ id: 'a' }, { id: 'b' }] }),
    );
    assert.equal((one.body as { id: string }).id, personalConversationId('oid-1'));
    assert.deepEqual(again.body && (again.body as { id: string }).id, personalConversationId('oid-1'));
    assert.match((group.body as { id: string }).id, /^a:fake-conversation-/);
  });

  it('records each request with its decoded path, time, status and the id it gave a sent activity', () => {
    let now = 1000;
    const connector = new FakeConnectorCore({ now: () => now });
    connector.handle(req('POST', '/v3/conversations/a%3A1/activities', { type: 'message', text: 'hi' }));
    now = 2000;
    connector.handle(req('GET', '/nowhere'));
    const [sent, missing] = connector.requests;
    assert.equal(sent!.decodedPath, '/v3/conversations/a:1/activities');
    assert.equal(sent!.receivedAt, 1000);
    assert.equal(sent!.status, 201);
    assert.match(sent!.activityId ?? '', /^fake-activity-/);
    assert.equal(missing!.status, 404);
    assert.equal(connector.requestsTo('/v3/conversations/a:1').length, 1);
  });

  it('answers roster checks as scripted, 404 for someone never seen, and scripted failures first', () => {
    const connector = new FakeConnectorCore();
    const path = `/v1/meetings/${encodeURIComponent('m/1==')}/participants/${encodeURIComponent('29:p')}`;
    assert.equal(connector.handle(req('GET', path)).status, 404);
    connector.setParticipant('m/1==', '29:p', { inMeeting: true, role: 'Attendee' });
    assert.deepEqual((connector.handle(req('GET', path)).body as { meeting: unknown }).meeting, {
      role: 'Attendee',
      inMeeting: true,
    });
    connector.failNext(1, 429, 2);
    const throttled = connector.handle(req('GET', path));
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers?.['Retry-After'], '2');
    assert.equal(connector.handle(req('GET', path)).status, 200);
  });

  it('names members through the given lookup', () => {
    const connector = new FakeConnectorCore({
      member: (id) => (id === '29:k' ? { id, name: 'Ms Khan', aadObjectId: 'oid-k' } : undefined),
    });
    assert.equal(
      (connector.handle(req('GET', '/v3/conversations/c/members/29:k')).body as { name: string }).name,
      'Ms Khan',
    );
    assert.equal(
      (connector.handle(req('GET', '/v3/conversations/c/members/29:x')).body as { name: string }).name,
      'Fake Member',
    );
  });
});
