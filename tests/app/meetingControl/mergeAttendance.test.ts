import { strict as assert } from 'node:assert';
import { mergeAttendance } from '../../../bot/src/app/meetingControl/mergeAttendance.js';

const T0 = Date.UTC(2025, 0, 20, 10, 0);
const min = (m: number) => T0 + m * 60_000;

describe('mergeAttendance', () => {
  it("seed 001 #11: fills in a pupil the bot saw only partly from Teams' report, matched by Entra id", () => {
    const lines = mergeAttendance(
      [{ personId: 'p1', aadObjectId: 'AAD-1', name: 'Ada', intervals: [{ joinAt: min(0) }] }],
      [
        {
          aadObjectId: 'aad-1',
          displayName: 'Ada',
          meetingRole: 'Attendee',
          totalSeconds: 900,
          intervals: [
            { joinAt: min(0), leaveAt: min(10) },
            { joinAt: min(12), leaveAt: min(17) },
          ],
        },
      ],
      min(30),
    );
    assert.equal(lines.length, 1);
    // The bot's open period (a missed leave event) gives way to Teams' own record of when she left.
    assert.deepEqual(lines[0]!.intervals, [
      { joinAt: min(0), leaveAt: min(10) },
      { joinAt: min(12), leaveAt: min(17) },
    ]);
    assert.equal(lines[0]!.minutes, 15);
    assert.deepEqual(lines[0]!.seenBy, ['bot', 'teams']);
    assert.equal(lines[0]!.meetingRole, 'Attendee');
  });

  it('seed 001 #11: adds people only Teams saw, and keeps people only the bot saw', () => {
    const lines = mergeAttendance(
      [{ personId: 'p2', name: 'Ben', intervals: [{ joinAt: min(1), leaveAt: min(6) }] }],
      [
        {
          email: 'parent@example.org',
          displayName: 'A Parent',
          totalSeconds: 120,
          intervals: [{ joinAt: min(2), leaveAt: min(4) }],
        },
      ],
    );
    assert.deepEqual(
      lines.map((l) => [l.name, l.minutes, l.seenBy]),
      [
        ['Ben', 5, ['bot']],
        ['A Parent', 2, ['teams']],
      ],
    );
  });

  it('matches by email, then by a display name only one person has', () => {
    const lines = mergeAttendance(
      [
        { personId: 'g1', email: 'Guest@Example.org', name: 'Guest', intervals: [] },
        { personId: 'g2', name: 'Cara  Smith', intervals: [] },
        { personId: 'g3', name: 'Sam', intervals: [] },
        { personId: 'g4', name: 'Sam', intervals: [] },
      ],
      [
        { email: 'guest@example.org', totalSeconds: 60, intervals: [{ joinAt: min(0), leaveAt: min(1) }] },
        { displayName: 'cara smith', totalSeconds: 60, intervals: [{ joinAt: min(0), leaveAt: min(1) }] },
        { displayName: 'Sam', totalSeconds: 60, intervals: [{ joinAt: min(0), leaveAt: min(1) }] },
      ],
    );
    assert.deepEqual(
      lines.map((l) => [l.personId, l.seenBy.join('+')]),
      [
        ['g1', 'bot+teams'],
        ['g2', 'bot+teams'],
        ['g3', 'bot'],
        ['g4', 'bot'],
        [undefined, 'teams'],
      ],
    );
  });

  it('joins overlapping periods from both sources without counting time twice', () => {
    const [line] = mergeAttendance(
      [{ personId: 'p1', aadObjectId: 'a1', name: 'Ada', intervals: [{ joinAt: min(0), leaveAt: min(8) }] }],
      [{ aadObjectId: 'a1', totalSeconds: 600, intervals: [{ joinAt: min(5), leaveAt: min(15) }] }],
    );
    assert.deepEqual(line!.intervals, [{ joinAt: min(0), leaveAt: min(15) }]);
    assert.equal(line!.minutes, 15);
  });
});
