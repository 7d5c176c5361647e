import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  isMeetingEvent,
  MalformedActivityError,
  parseMeetingActivity,
} from '../../bot/src/teams/parseMeetingActivity.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/activities/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

describe('teams/parseMeetingActivity', () => {
  it('reads a documented meetingStart (PascalCase value) keyed on channelData.meeting.id and the tenant', () => {
    const parsed = parseMeetingActivity(fixture('meeting-start'));
    assert.equal(
      parsed.key.meetingId,
      'MCMxOTptZWV0aW5nX0ZBS0V0aHJlYWRJZEZBS0V0aHJlYWRJZEZBS0V0aHJlYWRJZEB0aHJlYWQudjIjMA==',
    );
    assert.equal(parsed.key.tenantId, '00000000-0000-4000-8000-00000000fa4e');
    assert.equal(parsed.address.serviceUrl, 'https://smba.trafficmanager.net/uk/');
    const [event] = parsed.events;
    assert.equal(event?.kind, 'meetingStarted');
    assert.ok(
      event?.kind === 'meetingStarted' &&
        event.meetingType === 'Scheduled' &&
        event.title === 'Year 5 maths catch-up (FAKE)',
    );
    assert.equal(event?.at, Date.parse('2026-01-15T09:00:07.478Z'));
  });

  it("reads camelCase start values too, as the docs' own example shows them", () => {
    const a = fixture('meeting-start');
    a.value = { meetingType: 'MeetNow', title: 'Quick call', startTime: '2026-01-15T10:00:00Z' };
    const [event] = parseMeetingActivity(a).events;
    assert.ok(event?.kind === 'meetingStarted' && event.meetingType === 'MeetNow');
  });

  it('reads a join with its meeting role and a leave that carries no role', () => {
    const [join] = parseMeetingActivity(fixture('participant-join')).events;
    assert.ok(join?.kind === 'participantJoined');
    assert.equal(join.participant.id, '00000000-0000-4000-8000-0000000000b2');
    assert.equal(join.participant.meetingRole, 'Attendee');
    assert.equal(join.participant.role, 'unknown', 'classification belongs to the directory, not the edge');
    const [leave] = parseMeetingActivity(fixture('participant-leave')).events;
    assert.ok(leave?.kind === 'participantLeft' && leave.participantId === '00000000-0000-4000-8000-0000000000b2');
  });

  it('gives one event per member with ids derived from the activity id (redelivery stays idempotent)', () => {
    const a = fixture('participant-join');
    const member = (a.value as { members: object[] }).members[0]!;
    a.value = { members: [member, { ...member, user: { id: '29:other', aadObjectId: 'other' } }] };
    const ids = parseMeetingActivity(a).events.map((e) => e.id);
    assert.deepEqual(ids, ['f:fake-activity-0002#0', 'f:fake-activity-0002#1']);
  });

  it('matches event names case-insensitively and with stray spaces (the docs have both)', () => {
    assert.ok(isMeetingEvent({ type: 'event', name: ' application/vnd.microsoft.meetingStart' }));
    assert.ok(isMeetingEvent({ type: 'event', name: 'application/vnd.microsoft.meetingParticipantLeave ' }));
    assert.ok(!isMeetingEvent({ type: 'event', name: 'application/vnd.microsoft.readReceipt' }));
  });

  it('rejects malformed payloads with a MalformedActivityError that names no person', () => {
    const a = fixture('participant-join');
    delete (a.channelData as { meeting?: unknown }).meeting;
    assert.throws(
      () => parseMeetingActivity(a),
      (e: Error) => e instanceof MalformedActivityError && !e.message.includes('Pupil'),
    );
    const b = fixture('participant-join');
    b.value = { members: [] };
    assert.throws(() => parseMeetingActivity(b), MalformedActivityError);
  });

  it('never throws anything but MalformedActivityError on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (value, channelData) => {
        const a = { ...fixture('participant-join'), value, channelData };
        try {
          parseMeetingActivity(a);
        } catch (error) {
          return error instanceof MalformedActivityError;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
