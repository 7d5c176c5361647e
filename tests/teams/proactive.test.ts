import { strict as assert } from 'node:assert';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { createProactiveMessenger } from '../../bot/src/teams/proactive.js';
import { FakeConnector } from '../support/fakeConnector.js';
import { anonymousAdapter, captureLogger, memoryConversations } from './messages/harness.js';

const TENANT = '00000000-0000-4000-8000-00000000fa4e';

describe('teams/proactive', () => {
  const connector = new FakeConnector();
  before(() => connector.start());
  after(() => connector.stop());
  beforeEach(() => connector.clear());

  function makeSut(conversations = memoryConversations()) {
    const messenger = createProactiveMessenger({
      adapter: anonymousAdapter(),
      botAppId: '',
      conversations,
      logger: captureLogger().logger,
      defaultServiceUrl: connector.url,
    });
    return { messenger, conversations };
  }

  it('creates the 1:1 chat for a user never messaged before, stores its reference, then reuses it', async () => {
    const { messenger, conversations } = makeSut();
    await messenger.sendToUser(TENANT, 'dsl-aad-1', { type: 'message', text: 'hello' });
    const [create] = connector.requestsTo('/v3/conversations').filter((r) => r.decodedPath === '/v3/conversations');
    assert.ok(create, 'a conversation was created');
    const body = create.body as {
      members: Array<{ id: string }>;
      channelData: { tenant: { id: string } };
      isGroup: boolean;
    };
    assert.deepEqual(
      body.members.map((m) => m.id),
      ['dsl-aad-1'],
    );
    assert.equal(body.channelData.tenant.id, TENANT);
    assert.equal(body.isGroup, false);
    assert.equal(conversations.saved.length, 1);
    const conversationId = (conversations.saved[0]!.reference as { conversation: { id: string } }).conversation.id;
    assert.equal(connector.requestsTo(`/v3/conversations/${conversationId}/activities`).length, 1);

    await messenger.sendToUser(TENANT, 'dsl-aad-1', { type: 'message', text: 'again' });
    assert.equal(
      connector.requests.filter((r) => r.decodedPath === '/v3/conversations').length,
      1,
      'no second chat created',
    );
    const sent = connector
      .requestsTo(`/v3/conversations/${conversationId}/activities`)
      .map((r) => (r.body as { text: string }).text);
    assert.deepEqual(sent, ['hello', 'again']);
    assert.equal(
      connector.requests.every((r) => r.headers.authorization === undefined),
      true,
      'anonymous: no token sent',
    );
  });

  it('sends to a stored conversation reference as it is', async () => {
    const { messenger } = makeSut();
    await messenger.sendToConversation(
      {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: '19:channel@thread.tacv2', isGroup: true, conversationType: 'channel', name: '' },
      },
      { type: 'message', text: 'to the channel' },
    );
    assert.equal(connector.requestsTo('/v3/conversations/19:channel@thread.tacv2/activities').length, 1);
  });

  it('explains when there is no way to reach a tenant yet', async () => {
    const messenger = createProactiveMessenger({
      adapter: anonymousAdapter(),
      botAppId: '',
      conversations: memoryConversations(),
      logger: captureLogger().logger,
    });
    await assert.rejects(messenger.sendToUser(TENANT, 'someone', { type: 'message', text: 'x' }), /service URL/);
  });
});

describe('support/fakeConnector (as botbuilder sees it)', () => {
  const connector = new FakeConnector();
  before(() => connector.start());
  after(() => connector.stop());

  async function inMeeting<T>(logic: (context: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await anonymousAdapter().continueConversationAsync(
      '',
      {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: '19:meeting_x@thread.v2', isGroup: true, conversationType: 'groupChat', name: '' },
      },
      async (context) => {
        result = await logic(context);
      },
    );
    return result as T;
  }

  it('answers meeting participant and meeting info lookups as scripted', async () => {
    connector.setParticipant('meeting-1', '29:pupil', { inMeeting: false, role: 'Attendee' });
    connector.setMeetingInfo('meeting-1', { type: 'MeetNow', title: 'Quick call' });
    const participant = await inMeeting((context) =>
      TeamsInfo.getMeetingParticipant(context, 'meeting-1', '29:pupil', TENANT),
    );
    assert.equal(participant.meeting?.inMeeting, false);
    const info = await inMeeting((context) => TeamsInfo.getMeetingInfo(context, 'meeting-1'));
    assert.equal(info.details.type, 'MeetNow');
    assert.equal(connector.requestsTo('/v1/meetings/meeting-1/participants/29:pupil')[0]?.query.tenantId, TENANT);
  });

  it('fails the next requests as scripted; botbuilder retries a 429 after its Retry-After', async () => {
    connector.failNext(1, 429, 0);
    const info = await inMeeting((context) => TeamsInfo.getMeetingInfo(context, 'meeting-2'));
    assert.equal(info.details.type, 'Scheduled');
    assert.equal(connector.requestsTo('/v1/meetings/meeting-2').length, 2, 'the throttled call was retried once');
    connector.failNext(1, 400);
    await assert.rejects(
      inMeeting((context) => TeamsInfo.getMeetingInfo(context, 'meeting-3')),
      (e: { statusCode?: number }) => e.statusCode === 400,
    );
  });
});
