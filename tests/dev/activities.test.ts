import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { lessonActivities, newMeetingIds } from '../../bot/src/dev/activities.js';
import { parseMeetingActivity } from '../../bot/src/teams/parseMeetingActivity.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(`tests/fixtures/activities/${name}.json`, 'utf8')) as Record<string, unknown>;

/** Every key path of a JSON value (array items merged), so two payloads can be compared by shape. */
function shape(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => shape(v, `${at}[]`)))];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...shape(v, `${at}.${k}`)]);
  return [];
}

describe('dev/activities: simulated Teams activities have the documented shapes', () => {
  const ids = newMeetingIds();
  const lesson = lessonActivities({
    tenantId: '00000000-0000-4000-8000-00000000fa4e',
    ...ids,
    serviceUrl: 'http://127.0.0.1:1/dev/connector/',
  });
  const person = {
    aadObjectId: '00000000-0000-4000-8000-0000000000b2',
    teamsId: '29:1fake-b2',
    name: 'Ben',
    role: 'Attendee' as const,
  };
  const organizer = { aadObjectId: '00000000-0000-4000-8000-0000000000a1', teamsId: '29:1fake-a1', name: 'Ms Khan' };
  const at = Date.parse('2026-01-15T09:00:00Z');

  for (const [name, built] of [
    ['meeting-start', lesson.start(at, { organizer })],
    ['meeting-end', lesson.end(at, undefined, { organizer })],
    ['participant-join', lesson.join(person, at)],
    ['participant-leave', lesson.leave(person, at)],
  ] as const) {
    it(`${name}: the same fields as the documented fixture, and the bot's parser reads it`, () => {
      assert.deepEqual(shape(built).sort(), shape(fixture(name)).sort());
      const parsed = parseMeetingActivity(built);
      assert.equal(parsed.key.meetingId, ids.meetingId);
      assert.equal(parsed.address.conversationId, ids.conversationId);
      assert.equal(parsed.events[0]!.at, at);
    });
  }

  it("meeting ids look like Teams' (base64 of the chat thread)", () => {
    assert.equal(Buffer.from(ids.meetingId, 'base64').toString(), `0#${ids.conversationId}#0`);
  });
});
