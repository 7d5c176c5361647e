import { strict as assert } from 'node:assert';
import { DelegatedAccessError } from '../../../bot/src/app/booking/ports.js';
import { GraphLessonChat } from '../../../bot/src/graph/delegated/graphLessonChat.js';
import { graphError, startFakeGraphBooking, type FakeGraphBooking } from '../../support/fakeGraphBooking.js';

const APP_ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const THREAD = '19:meeting_abc@thread.v2';

describe("graph/delegated/graphLessonChat: Chaperone into a lesson's meeting chat, as the teacher", function () {
  this.timeout(30_000);
  let fake: FakeGraphBooking;
  let stop: () => Promise<void>;
  let scopes: string[][];

  beforeEach(async () => {
    ({ fake, stop } = await startFakeGraphBooking());
    fake.meetings.set('m-1', { organizer: 'teacher', meeting: { id: 'm-1', chatInfo: { threadId: THREAD } } });
    scopes = [];
  });
  afterEach(async () => stop());

  const chatAs = (user: string) =>
    new GraphLessonChat({
      baseUrl: fake.graphBaseUrl,
      tokens: {
        forUser: async (_sso, asked) => {
          scopes.push(asked);
          return `delegated:${user}`;
        },
      },
      teamsAppId: APP_ID,
      contentUrl: 'https://chaperone.school.example/tab/index.html',
      maxRetries: 0,
    });

  it('installs the app, then adds its tab; a second time the install answers 409 and counts as done', async () => {
    await chatAs('teacher').addChaperone({ ssoToken: 'sso' }, THREAD);
    await chatAs('teacher').addChaperone({ ssoToken: 'sso' }, THREAD);
    assert.deepEqual([...fake.chats.apps.get(THREAD)!], [APP_ID]);
    assert.equal(fake.chats.tabs.get(THREAD)?.length, 2);
    const installs = fake.requests.filter((r) => r.path.endsWith('/installedApps'));
    assert.deepEqual(installs[0]!.body, {
      'teamsApp@odata.bind': `${fake.graphBaseUrl}/appCatalogs/teamsApps/${APP_ID}`,
    });
    assert.deepEqual(scopes[0], [
      'https://graph.microsoft.com/TeamsAppInstallation.ReadWriteSelfForChat',
      'https://graph.microsoft.com/TeamsTab.Create',
    ]);
  });

  it('a permission the school has not granted is named (403 on the tab: TeamsTab.Create)', async () => {
    fake.script('POST', /\/tabs$/, graphError(403, 'Forbidden'));
    await assert.rejects(
      chatAs('teacher').addChaperone({ ssoToken: 'sso' }, THREAD),
      (error: unknown) =>
        error instanceof DelegatedAccessError && error.kind === 'notGranted' && error.permission === 'TeamsTab.Create',
    );
  });

  it("someone who is not in the meeting's chat is refused by Graph (403), and nothing is added", async () => {
    await assert.rejects(chatAs('stranger').addChaperone({ ssoToken: 'sso' }, THREAD), DelegatedAccessError);
    assert.equal(fake.chats.apps.size, 0);
  });
});
