/**
 * `book` with the Teams app's id known (as the service passes `TEAMS_APP_ID` to the chat): the card's
 * button is a Teams deep link to the personal tab's booking section, `help` lists the command, and a
 * mistyped `book` is recognised. The real CloudAdapter and the fake connector carry every turn.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { SCHOOL_ENTITY_ID } from '../../../bot/src/teams/cards/bookLessonCard.js';
import { startWorld, type World } from './world.js';

const APP_ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

/** The manifest's static tabs, as deployed. */
const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as {
  staticTabs: Array<{ entityId: string; contentUrl: string; scopes: string[] }>;
};

type OpenUrl = { type: string; title: string; url: string };

describe('teams/messages: "book" opens the booking form in the personal tab', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({ teamsAppId: APP_ID });
  });
  afterEach(() => world.stop());

  const bookCard = async (): Promise<{ preview?: string; body: unknown[]; actions: OpenUrl[] }> => {
    await world.say('teacher', 'book');
    const reply = world.inbox('teacher').at(-1)!;
    const card = reply.attachments?.[0]?.content as { body: unknown[]; actions?: OpenUrl[] };
    return { preview: reply.summary, body: card.body, actions: card.actions ?? [] };
  };

  it("links to the manifest's personal tab by the app id, with the booking section as its subEntityId", async () => {
    const { preview, actions } = await bookCard();
    assert.equal(preview, 'Book a lesson');
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.type, 'Action.OpenUrl');
    const link = new URL(actions[0]!.url);
    assert.equal(link.origin, 'https://teams.microsoft.com');
    assert.equal(link.pathname, `/l/entity/${APP_ID}/${SCHOOL_ENTITY_ID}`);
    // "book" is the id of the tab's "Book a lesson" section.
    assert.deepEqual(JSON.parse(link.searchParams.get('context') ?? '{}'), { subEntityId: 'book' });
    assert.equal(link.searchParams.get('label'), 'Book a lesson');
    const school = manifest.staticTabs.find((t) => t.entityId === SCHOOL_ENTITY_ID);
    assert.ok(school, 'the manifest declares the tab');
    assert.match(school.contentUrl, /context=school/, 'the entity is the tab that holds the booking form');
    assert.deepEqual(school.scopes, ['personal']);
  });

  it('says what the form does and never points at a tab by hand when it can link', async () => {
    const { body } = await bookCard();
    const text = JSON.stringify(body);
    assert.match(text, /checks your lesson against the school's rules/);
    assert.doesNotMatch(text, /select \*\*Apps\*\*/);
    assert.doesNotMatch(text, /\bseed\b/i);
  });

  it('is listed in help for staff and for the DSL, and a mistyped "book" is recognised', async () => {
    await world.say('teacher', 'help');
    await world.say('dsl1', 'help');
    for (const who of ['teacher', 'dsl1'] as const)
      assert.match(world.inbox(who).at(-1)?.text ?? '', /\*\*book\*\*: book a live lesson/);
    await world.say('teacher', 'bok');
    assert.match(world.inbox('teacher').at(-1)?.text ?? '', /Did you mean "book"\?/);
  });

  it('answers a pupil in a 1:1 chat as every staff command does, with no booking form', async () => {
    await world.say('pupil', 'book');
    const reply = world.inbox('pupil').at(-1)!;
    assert.match(reply.text ?? '', /nothing here for you to do/);
    assert.equal(reply.attachments, undefined);
  });
});
