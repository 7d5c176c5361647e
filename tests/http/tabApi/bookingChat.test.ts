import { strict as assert } from 'node:assert';
import { graphError } from '../../support/fakeGraphBooking.js';
import { form, useBookingApi } from './bookingApi.js';

const APP_ID = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const deployed = { TEAMS_APP_ID: APP_ID, TAB_DOMAIN: 'chaperone.school.example' };

describe("http/tabApi/bookings: Chaperone is added to the booked lesson's chat, as the teacher, where allowed", function () {
  this.timeout(60_000);

  describe('with TEAMS_APP_ID and TAB_DOMAIN (as deployed)', () => {
    const api = useBookingApi({ env: deployed });

    it("installs Chaperone in the meeting's chat and adds its side panel tab, before the lesson starts", async () => {
      const answer = await api.post('/api/bookings', { ...form(), clientRequestId: 'chat-added-0001' });
      assert.equal(answer.status, 201);
      assert.equal((answer.body as unknown as { chaperoneInChat: string }).chaperoneInChat, 'added');
      const [chatId, apps] = [...api.graph.chats.apps.entries()][0]!;
      assert.match(chatId, /^19:meeting_.*@thread\.v2$/);
      assert.deepEqual([...apps], [APP_ID]);
      const [tab] = api.graph.chats.tabs.get(chatId)!;
      assert.deepEqual(tab!.configuration, {
        entityId: 'chaperone-lesson',
        contentUrl: 'https://chaperone.school.example/tab/index.html',
        websiteUrl: 'https://chaperone.school.example/tab/index.html',
      });
    });

    it('a school that has not allowed it (403) still gets its lesson booked, and the answer says Chaperone is not in the chat', async () => {
      api.graph.script('POST', /\/installedApps$/, graphError(403, 'Forbidden'));
      const tabsBefore = [...api.graph.chats.tabs.values()].flat().length;
      const answer = await api.post('/api/bookings', { ...form(), clientRequestId: 'chat-refused-01' });
      assert.equal(answer.status, 201);
      assert.equal((answer.body as unknown as { chaperoneInChat: string }).chaperoneInChat, 'notAllowed');
      assert.ok(api.graph.events.has(answer.body.booking.eventId as string), 'the lesson stands');
      assert.equal([...api.graph.chats.tabs.values()].flat().length, tabsBefore, 'no tab without the app');
    });
  });

  describe('without TEAMS_APP_ID', () => {
    const api = useBookingApi();

    it('books, tries nothing in the chat, and says so', async () => {
      const answer = await api.post('/api/bookings', { ...form(), clientRequestId: 'chat-notset-001' });
      assert.equal(answer.status, 201);
      assert.equal((answer.body as unknown as { chaperoneInChat: string }).chaperoneInChat, 'notSetUp');
      assert.equal(api.graph.requests.filter((r) => r.path.startsWith('/v1.0/chats/')).length, 0);
    });
  });
});
