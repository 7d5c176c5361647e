import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardsTo } from '../../support/lessonCardsFake.js';
import { createLessonEndRoutine } from '../../../bot/src/app/lessonRoutines/lessonEnd.js';
import { observedAttendees } from '../../../bot/src/app/lessonRoutines/teamsAttendance.js';
import {
  GraphPermissionError,
  GraphUnavailableError,
  type MeetingControl,
  type MeetingSettings,
} from '../../../bot/src/app/meetingControl/ports.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { at, ended, join, leave, meeting, policy, pupil, staff } from '../../domain/builders.js';
import { fakeApply, fakeLogger } from './fakes.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const teacher = staff('aad-teacher', { name: 'Ms Khan', teamsId: '29:teacher' });
const amira = pupil('aad-amira', { name: 'Amira', teamsId: '29:amira' });

function lesson(): MeetingState {
  const startEvent: MeetingEvent = {
    kind: 'meetingStarted',
    id: 's',
    at: at(0),
    meetingType: 'Scheduled',
    title: 'Year 5 maths',
    joinUrl: 'https://teams.example/join/1',
    organizerId: 'aad-teacher',
  };
  return meeting(startEvent, join(teacher, at(0)), join(amira, at(1)), leave('aad-amira', at(10)), ended(at(20)));
}

function graph(overrides: Partial<MeetingControl> = {}): MeetingControl {
  const settings = { id: 'graph-1', organizerId: 'aad-teacher' } as MeetingSettings;
  return {
    findMeeting: sinon.fake.resolves(settings),
    updateSettings: sinon.fake.rejects(new Error('not used')),
    attendanceRecords: sinon.fake.resolves([
      {
        aadObjectId: 'aad-amira',
        displayName: 'Amira',
        totalSeconds: 1500,
        intervals: [
          { joinAt: at(1), leaveAt: at(10) },
          { joinAt: at(12), leaveAt: at(18) },
        ],
      },
      {
        aadObjectId: 'aad-parent',
        displayName: 'A parent',
        totalSeconds: 300,
        intervals: [{ joinAt: at(2), leaveAt: at(7) }],
      },
    ]),
    ...overrides,
  };
}

function makeSut(meetingControl?: MeetingControl) {
  const state = lesson();
  const applied = fakeApply(state);
  const sendToStaff = sinon.fake.resolves(undefined);
  const routine = createLessonEndRoutine({
    cards: cardsTo(sendToStaff),
    applyEvent: applied.apply,
    policyFor: () => policy(),
    clock: { now: () => at(21) },
    logger: fakeLogger(),
    ...(meetingControl ? { meetingControl } : {}),
  });
  return { state, applied, sendToStaff, run: () => routine(KEY, { state, alerts: {} }) };
}

describe('app/lessonRoutines/lessonEnd', () => {
  it('issue 4 "close the register": without Graph, records the closed register as an event and sends the organizer the summary', async () => {
    const sut = makeSut();
    await sut.run();
    const event = sut.applied.events[0]!;
    assert.equal(event.kind, 'attendanceMerged');
    assert.ok(event.kind === 'attendanceMerged' && event.source === 'bot' && event.id === `attendance@${at(20)}`);
    assert.deepEqual(event.kind === 'attendanceMerged' && event.lines.map((l) => [l.personId, l.minutes]), [
      ['aad-teacher', 20],
      ['aad-amira', 9],
    ]);
    assert.equal(sut.sendToStaff.callCount, 1);
    assert.deepEqual(sut.sendToStaff.firstCall.args.slice(0, 2), ['t', 'aad-teacher']);
    assert.match(sut.sendToStaff.firstCall.args[2].title, /Summary of "Year 5 maths"/);
  });

  it('issue 7 "Attendance report": Teams\' records are merged (a rejoin the bot missed, a person only Teams saw) and what was merged is recorded', async () => {
    const control = graph();
    const sut = makeSut(control);
    await sut.run();
    assert.deepEqual((control.attendanceRecords as sinon.SinonSpy).firstCall.args[1], { from: at(0), to: at(20) });
    const event = sut.applied.events[0]!;
    assert.ok(event.kind === 'attendanceMerged' && event.source === 'teams');
    const amiraLine = event.lines.find((l) => l.personId === 'aad-amira')!;
    assert.deepEqual([amiraLine.minutes, amiraLine.seenBy], [15, ['bot', 'teams']]);
    assert.ok(event.lines.some((l) => l.aadObjectId === 'aad-parent' && l.seenBy.join() === 'teams'));
    const text = sut.sendToStaff.firstCall.args[2].lines.join('\n');
    assert.match(text, /A parent \(seen only by Teams\)/);
    assert.doesNotMatch(JSON.stringify(event), /A parent|Amira/, 'the audit event carries ids and minutes, not names');
  });

  it('issue 7 "reports exist only after a session ends": an empty report degrades to the bot\'s register with a note', async () => {
    const sut = makeSut(graph({ attendanceRecords: sinon.fake.resolves([]) }));
    await sut.run();
    const event = sut.applied.events[0]!;
    assert.ok(event.kind === 'attendanceMerged' && event.source === 'bot' && /not ready yet/.test(event.note ?? ''));
    assert.match(sut.sendToStaff.firstCall.args[2].lines.join('\n'), /not ready yet.*from what Chaperone saw/);
  });

  it('issue 7 "a Graph outage degrades to advice": a refusal names the permission, an outage says so, and the summary still goes out', async () => {
    const refused = makeSut(
      graph({
        attendanceRecords: sinon.fake.rejects(
          new GraphPermissionError({ permission: 'OnlineMeetingArtifact.Read.All', adminSteps: [] }, 403),
        ),
      }),
    );
    await refused.run();
    assert.match(refused.sendToStaff.firstCall.args[2].lines.join('\n'), /OnlineMeetingArtifact\.Read\.All/);
    const down = makeSut(graph({ findMeeting: sinon.fake.rejects(new GraphUnavailableError('down', 503)) }));
    await down.run();
    assert.match(down.sendToStaff.firstCall.args[2].lines.join('\n'), /could not be read just now/);
  });

  it('observes each person with their Entra id only when Teams gave one', () => {
    const anonymous = pupil('29:anon', { teamsId: '29:anon', name: 'Guest' });
    const people = observedAttendees(meeting(join(teacher, at(0)), join(anonymous, at(1))));
    assert.deepEqual(
      people.map((p) => p.aadObjectId),
      ['aad-teacher', undefined],
    );
    assert.deepEqual(people[0]!.intervals, [{ joinAt: at(0) }]);
  });
});
