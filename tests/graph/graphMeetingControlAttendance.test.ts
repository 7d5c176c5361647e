import { strict as assert } from 'node:assert';
import { mergeAttendance } from '../../bot/src/app/meetingControl/mergeAttendance.js';
import { MEETING_ID, ORGANIZER, useMeetingControl } from './meetingControlSut.js';

describe('graph/graphMeetingControl', () => {
  const { fake, makeSut } = useMeetingControl();

  it('seed 001 #11: reads the attendance report of the lesson and merges it into the register', async () => {
    const record = (id: string, name: string, join: string, leave: string | null) => ({
      emailAddress: `${name.toLowerCase()}@school.example`,
      role: 'Attendee',
      totalAttendanceInSeconds: 300,
      identity: { id, displayName: name, tenantId: null },
      attendanceIntervals: [{ joinDateTime: join, leaveDateTime: leave, durationInSeconds: 300 }],
    });
    fake.reports.set(MEETING_ID, [
      {
        id: 'r-old',
        totalParticipantCount: 1,
        meetingStartDateTime: '2025-01-13T10:00:00Z',
        meetingEndDateTime: '2025-01-13T10:20:00Z',
        attendanceRecords: [record('pupil-1', 'Ada', '2025-01-13T10:00:00Z', '2025-01-13T10:20:00Z')],
      },
      {
        id: 'r-1',
        totalParticipantCount: 2,
        meetingStartDateTime: '2025-01-20T10:00:00Z',
        meetingEndDateTime: '2025-01-20T10:20:00Z',
        attendanceRecords: [
          record('pupil-1', 'Ada', '2025-01-20T10:01:00Z', '2025-01-20T10:06:00Z'),
          record('pupil-2', 'Ben', '2025-01-20T10:02:00Z', null),
        ],
      },
    ]);
    const { meetingControl } = makeSut();
    const lesson = { from: Date.parse('2025-01-20T10:00:00Z'), to: Date.parse('2025-01-20T10:20:00Z') };
    const records = await meetingControl.attendanceRecords({ id: MEETING_ID, organizerId: ORGANIZER }, lesson);
    assert.deepEqual(
      fake.graphRequests('GET', /attendanceReports\//).map((r) => [r.path.split('/').pop(), r.query.$expand]),
      [['r-1', 'attendanceRecords']],
    );
    const register = mergeAttendance(
      [
        {
          personId: 'p1',
          aadObjectId: 'pupil-1',
          name: 'Ada',
          intervals: [{ joinAt: Date.parse('2025-01-20T10:01:00Z') }],
        },
      ],
      records,
      lesson.to,
    );
    assert.deepEqual(
      register.map((l) => [l.name, l.minutes, l.seenBy.join('+'), l.meetingRole]),
      [
        ['Ada', 5, 'bot+teams', 'Attendee'],
        ['Ben', 18, 'teams', 'Attendee'],
      ],
    );
  });
});
