import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  lessonRecordLink,
  meetingIdOfSubEntity,
  RECORD_ENTITY_ID,
  recordSubEntityId,
} from '../../../bot/src/teams/alerts/recordLink.js';

const APP_ID = '00000000-0000-4000-8000-00000000c0a1';
const MEETING = 'MCMxOTptZWV0aW5nX05qa3/lOR0kzTW1F+dE9EazNNUzAw@thread.v2==';

describe('teams/alerts/recordLink: the deep link that opens a lesson record in Teams', () => {
  it("links to the app's lesson record tab with the lesson as the sub-entity, in the form Teams documents", () => {
    const link = new URL(lessonRecordLink(APP_ID, MEETING));
    assert.equal(link.origin, 'https://teams.microsoft.com');
    assert.equal(link.pathname, `/l/entity/${APP_ID}/${RECORD_ENTITY_ID}`);
    assert.equal(link.searchParams.get('label'), 'Lesson record');
    const context = JSON.parse(link.searchParams.get('context') ?? '') as { subEntityId: string };
    assert.match(context.subEntityId, /^[A-Za-z0-9_-]+$/, 'safe in a query string without escaping');
    assert.equal(meetingIdOfSubEntity(context.subEntityId), MEETING);
  });

  it('gives back every meeting id it encodes, whatever characters it holds', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }),
        (id) => meetingIdOfSubEntity(recordSubEntityId(id)) === id,
      ),
    );
  });

  it('reads no lesson from an unreplaced placeholder, a tampered value or bytes that are not text', () => {
    assert.equal(meetingIdOfSubEntity('{subEntityId}'), undefined);
    assert.equal(meetingIdOfSubEntity('abc def'), undefined);
    assert.equal(meetingIdOfSubEntity('_w'), undefined, 'a lone 0xFF byte is not UTF-8');
  });

  it('refuses an app id that is not a GUID rather than build a link somewhere else', () => {
    assert.throws(() => lessonRecordLink('evil.example/x', MEETING), /GUID/);
  });

  it('matches the manifest: a personal static tab with that entity id, reading the lesson from the sub-entity', () => {
    type StaticTab = { entityId: string; contentUrl: string; scopes: string[] };
    const manifest = JSON.parse(readFileSync('appPackage/manifest.json', 'utf8')) as { staticTabs: StaticTab[] };
    const tab = manifest.staticTabs.find((t) => t.entityId === RECORD_ENTITY_ID);
    assert.ok(tab, 'the manifest declares the lesson record tab');
    assert.deepEqual(tab.scopes, ['personal']);
    assert.match(tab.contentUrl, /\/tab\/index\.html\?context=record&lesson=\{subEntityId\}$/);
  });
});
