import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Role } from '../../bot/src/domain/types.js';
import { GraphClient } from '../../bot/src/graph/graphClient.js';
import { createCallingBot, type CallParticipant } from '../../bot/src/graph/callingBot.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';

const TENANT = 'aa67bd4c-8475-432d-bd41-39f255720e0a';
const meeting = { organizerId: 'teacher-1', chat: { threadId: '19:meeting_abc@thread.v2', messageId: '0' } };

/** A call participant in the documented `participant` shape. */
function participant(id: string, identity: Record<string, unknown>, isInLobby = false) {
  return { '@odata.type': '#microsoft.graph.participant', id, isInLobby, isMuted: false, mediaStreams: [], info: { identity } };
}

const ROLES: Record<string, Role> = { 'staff-1': 'staff', 'staff-2': 'staff', 'pupil-1': 'pupil', 'guest-1': 'guest' };

describe('graph/callingBot', () => {
  let fake: FakeGraph;
  useFakeGraph((started) => {
    fake = started;
    fake.callRoster = [
      participant('p-staff-1', { user: { id: 'staff-1', tenantId: TENANT } }),
      participant('p-pupil-1', { user: { id: 'pupil-1', tenantId: TENANT } }),
      participant('p-staff-2', { user: { id: 'staff-2', tenantId: TENANT } }),
      participant('p-guest-1', { user: { id: 'guest-1', tenantId: 'other-tenant' } }, true),
      participant('p-phone', { phone: { id: '+441234567890' } }),
      participant('p-bot', { application: { id: 'app-1', displayName: 'Chaperone' } }),
    ];
  });

  function makeSut(enabled = true) {
    const graph = new GraphClient({ baseUrl: fake.graphBaseUrl, tokens: { getToken: async () => 'fake-token-1' }, sleep: async () => undefined });
    return createCallingBot(graph, { enabled, callbackUri: 'https://chaperone.example/api/calls', tenantId: TENANT, appId: 'app-1', sleep: async () => undefined });
  }

  it('is off unless the flag is set', () => {
    assert.equal(makeSut(false), undefined);
  });

  it('joins the scheduled meeting by chat thread and organizer with service-hosted media', async () => {
    await makeSut()!.removePupilsLeftAlone(meeting, () => 'staff');
    const [join] = fake.graphRequests('POST', /^\/v1\.0\/communications\/calls$/);
    assert.deepEqual(join!.body, {
      '@odata.type': '#microsoft.graph.call',
      callbackUri: 'https://chaperone.example/api/calls',
      requestedModalities: ['audio'],
      mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' },
      chatInfo: { '@odata.type': '#microsoft.graph.chatInfo', threadId: '19:meeting_abc@thread.v2', messageId: '0' },
      meetingInfo: {
        '@odata.type': '#microsoft.graph.organizerMeetingInfo',
        organizer: { '@odata.type': '#microsoft.graph.identitySet', user: { '@odata.type': '#microsoft.graph.identity', id: 'teacher-1', tenantId: TENANT } },
        allowConversationWithoutHost: true,
      },
      tenantId: TENANT,
    });
  });

  it('seed 000 #10, seed 003, bullet 13: removes pupils, guests and unknown callers, never staff or apps, then hangs up', async () => {
    const classify = sinon.spy((p: CallParticipant): Role => (p.aadObjectId ? ROLES[p.aadObjectId] ?? 'unknown' : 'unknown'));
    const result = await makeSut()!.removePupilsLeftAlone(meeting, classify);
    assert.deepEqual(result, { removed: ['p-pupil-1', 'p-guest-1', 'p-phone'], kept: ['p-staff-1', 'p-staff-2', 'p-bot'], failed: [] });
    const deleted = fake.graphRequests('DELETE', /\/participants\//).map((r) => r.path.split('/').pop());
    assert.deepEqual(deleted, ['p-pupil-1', 'p-guest-1', 'p-phone']);
    assert.ok(classify.args.every(([p]) => p.kind !== 'application'), 'apps are never classified or removed');
    const call = [...fake.calls.values()].at(-1)!;
    assert.deepEqual(call.participants.map((p) => p.id), ['p-staff-1', 'p-staff-2', 'p-bot']);
    assert.equal(call.state, 'terminated');
  });

  it('keeps a participant whose classification fails rather than guess', async () => {
    const result = await makeSut()!.removePupilsLeftAlone(meeting, (p) => {
      if (p.aadObjectId === 'pupil-1') throw new Error('directory down');
      return p.aadObjectId ? ROLES[p.aadObjectId] ?? 'unknown' : 'unknown';
    });
    assert.ok(result.kept.includes('p-pupil-1'));
    assert.ok(!result.removed.includes('p-pupil-1'));
  });

  it('reports a removal Graph refuses as failed and goes on with the rest', async () => {
    fake.script('DELETE', /\/participants\/p-pupil-1$/, { status: 403, body: { error: { code: 'Forbidden' } } });
    const result = await makeSut()!.removePupilsLeftAlone(meeting, (p) => (p.aadObjectId ? ROLES[p.aadObjectId] ?? 'unknown' : 'unknown'));
    assert.deepEqual(result.failed, ['p-pupil-1']);
    assert.deepEqual(result.removed, ['p-guest-1', 'p-phone']);
  });
});
