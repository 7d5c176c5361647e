import { strict as assert } from 'node:assert';
import { reduce } from '../../bot/src/domain/reducer.js';
import type { MeetingEvent } from '../../bot/src/domain/types.js';
import { at, details, join, meeting, pupil, staff, started } from './builders.js';

describe('domain: audit events (settings changes, attendance merges) and meeting details', () => {
  const lesson = () =>
    meeting(started(at(0), { organizerId: 'teacher' }), join(staff('teacher'), at(0)), join(pupil('p1'), at(1)));

  it('issue 7 "every change is logged in the meeting\'s partition": a settings change is recorded once and leaves the live state as it was', () => {
    const before = lesson();
    const event: MeetingEvent = {
      kind: 'meetingSettingsChanged',
      id: 'settings-1',
      at: at(2),
      by: 'Chaperone',
      changes: [{ setting: 'lobbyScope', before: 'Everyone', after: 'Only organizers and co-organizers' }],
    };
    const after = reduce(before, event);
    assert.deepEqual(after.people, before.people);
    assert.equal(after.title, before.title);
    assert.ok(after.applied.includes('settings-1'));
    assert.equal(reduce(after, event), after, 'a second delivery is a no-op');
  });

  it('seed 001 #11: an attendance merge is recorded without changing presence', () => {
    const before = lesson();
    const after = reduce(before, {
      kind: 'attendanceMerged',
      id: 'att-1',
      at: at(30),
      source: 'teams',
      lines: [{ personId: 'p1', minutes: 20, seenBy: ['bot', 'teams'] }],
    });
    assert.deepEqual(after.people, before.people);
    assert.equal(after.lastEventAt, at(30));
  });

  it('meeting details learned when the app is added fill the join URL and organizer, but never overwrite what the start event said', () => {
    const early = meeting(
      details(at(-60), { joinUrl: 'https://teams.example/join/1', organizerId: 'teacher', meetingType: 'MeetNow' }),
    );
    assert.equal(early.joinUrl, 'https://teams.example/join/1');
    assert.equal(early.organizerId, 'teacher');
    assert.equal(early.meetingType, 'MeetNow');
    const startedFirst = meeting(
      started(at(0), { organizerId: 'organizer-from-start' }),
      details(at(1), { organizerId: 'someone-else' }),
    );
    assert.equal(startedFirst.organizerId, 'organizer-from-start');
  });
});
