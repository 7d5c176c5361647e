import { strict as assert } from 'node:assert';
import { assistant, at, pupils, school, teacher, useGraphFollowUpLesson } from './graphFollowUpsLesson.js';

describe('scenarios: Graph follow-ups (invitees, "Meet now", check, settings audit, attendance)', function () {
  this.timeout(60_000);
  const { run, send, startWithGraph, toTeacher } = useGraphFollowUpLesson();

  it('issue 7 "Attendance report": after the end, Teams\' report is merged into the organizer\'s summary and the merge is recorded', async () => {
    await startWithGraph();
    await send(run.lesson.join(teacher, at(0)));
    await send(run.lesson.join(assistant, at(0)));
    await send(run.lesson.join(pupils[0]!, at(1)));
    const record = (id: string, name: string, join: string, leave: string) => ({
      emailAddress: null,
      role: 'Attendee',
      totalAttendanceInSeconds: 60,
      identity: { id, displayName: name },
      attendanceIntervals: [{ joinDateTime: join, leaveDateTime: leave, durationInSeconds: 60 }],
    });
    run.graph.reports.set('graph-meeting-1', [
      {
        id: 'report-1',
        totalParticipantCount: 2,
        meetingStartDateTime: '2026-01-15T09:00:00Z',
        meetingEndDateTime: '2026-01-15T09:15:00Z',
        attendanceRecords: [
          record(pupils[0]!.aadObjectId, pupils[0]!.name, '2026-01-15T09:01:00Z', '2026-01-15T09:15:00Z'),
          record(pupils[2]!.aadObjectId, pupils[2]!.name, '2026-01-15T09:03:00Z', '2026-01-15T09:09:00Z'),
        ],
      },
    ]);
    await send(run.lesson.end(at(15)));
    const summary = toTeacher().filter((m) => /Summary of/.test(m.text));
    assert.equal(summary.length, 1);
    assert.match(summary[0]!.body, /Chloe \(FAKE\) \(seen only by Teams\): 09:03 GMT to 09:09 GMT, 6 min/);
    assert.match(summary[0]!.body, /Teams' own attendance report/);
    const merged = (
      await run.service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId: run.meetingId })
    ).filter((e) => e.kind === 'attendanceMerged');
    assert.ok(merged.length === 1 && merged[0]!.kind === 'attendanceMerged' && merged[0]!.source === 'teams');
  });

  const advanceTo = async (ms: number): Promise<void> => {
    run.service.clock.current = ms;
    await run.service.core.tick();
  };
  const attendanceRecord = (id: string, name: string, join: string, leave: string) => ({
    emailAddress: null,
    role: 'Attendee',
    totalAttendanceInSeconds: 60,
    identity: { id, displayName: name },
    attendanceIntervals: [{ joinDateTime: join, leaveDateTime: leave, durationInSeconds: 60 }],
  });
  const followUps = () => toTeacher().filter((m) => /Attendance report for/.test(m.text));

  it('issue 7 "reports exist only after a session ends": a report not ready at the end is looked for again, merged once when it appears, and the organizer told once what it added', async () => {
    await startWithGraph();
    await send(run.lesson.join(teacher, at(0)));
    await send(run.lesson.join(pupils[0]!, at(1)));
    await send(run.lesson.leave(pupils[0]!, at(14)));
    await send(run.lesson.end(at(15)));
    const summary = toTeacher().filter((m) => /Summary of/.test(m.text));
    assert.equal(summary.length, 1);
    assert.match(summary[0]!.body, /not ready yet.*look for it again/);
    const reportReads = () => run.graph.graphRequests('GET', /attendanceReports$/).length;
    const readsAtEnd = reportReads();
    await advanceTo(at(19));
    assert.equal(reportReads(), readsAtEnd, 'not before the first retry');
    await advanceTo(at(21));
    assert.equal(reportReads(), readsAtEnd + 1, 'first retry at +5 min: still not ready');
    assert.equal(followUps().length, 0);
    run.graph.reports.set('graph-meeting-1', [
      {
        id: 'report-1',
        totalParticipantCount: 2,
        meetingStartDateTime: '2026-01-15T09:00:00Z',
        meetingEndDateTime: '2026-01-15T09:15:00Z',
        attendanceRecords: [
          attendanceRecord(pupils[0]!.aadObjectId, pupils[0]!.name, '2026-01-15T09:01:00Z', '2026-01-15T09:14:00Z'),
          attendanceRecord(pupils[2]!.aadObjectId, pupils[2]!.name, '2026-01-15T09:03:00Z', '2026-01-15T09:09:00Z'),
        ],
      },
    ]);
    await advanceTo(at(31));
    await advanceTo(at(61));
    await advanceTo(at(120));
    assert.equal(reportReads(), readsAtEnd + 2, 'no look after the report was merged');
    const merged = (
      await run.service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId: run.meetingId })
    ).filter((e) => e.kind === 'attendanceMerged');
    assert.deepEqual(
      merged.map((e) => e.kind === 'attendanceMerged' && e.source),
      ['bot', 'teams'],
    );
    assert.equal(followUps().length, 1);
    assert.match(followUps()[0]!.body, /Chloe \(FAKE\) \(seen only by Teams\): 6 min present/);
    assert.doesNotMatch(followUps()[0]!.body, /Amira/, 'a pupil Chaperone counted in full is not repeated');
  });

  it('issue 7 "reports exist only after a session ends": a report that never appears is looked for three times, then the organizer gets one note', async () => {
    await startWithGraph();
    await send(run.lesson.join(teacher, at(0)));
    await send(run.lesson.end(at(15)));
    const readsAtEnd = run.graph.graphRequests('GET', /attendanceReports$/).length;
    for (const minute of [21, 31, 61, 120, 240]) await advanceTo(at(minute));
    assert.equal(run.graph.graphRequests('GET', /attendanceReports$/).length, readsAtEnd + 3);
    assert.equal(followUps().length, 1);
    assert.match(followUps()[0]!.body, /stopped looking for it/);
    const merged = (
      await run.service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId: run.meetingId })
    ).filter((e) => e.kind === 'attendanceMerged');
    assert.equal(merged.length, 1, 'only the register closed at the end');
  });
});
