import { strict as assert } from 'node:assert';
import type { MeetingActivity } from '../../../bot/src/app/lesson/recordMeetingActivity.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { at, ended, join, leave, person, policy, staff, started } from '../../domain/builders.js';
import { ADDRESS, KEY, useSuts, type Sut } from './makeSut.js';

const activity = (...events: MeetingEvent[]): MeetingActivity => ({ key: KEY, address: ADDRESS, events });

/** How often each lesson routine has run. */
function runs(sut: Sut) {
  const [started] = sut.routines.onLessonStarted;
  const [ended] = sut.routines.onLessonEnded;
  return {
    codeOfConduct: sut.notifier.postCodeOfConduct.callCount,
    started: started!.callCount,
    ended: ended!.callCount,
  };
}

describe('app/lesson/recordMeetingActivity', () => {
  const make = useSuts();

  it('a lesson start posts the code of conduct and runs the start routines once; the start redelivered repeats neither', async () => {
    const sut = make();
    const start = started(at(0), { organizerId: 't1' });
    await sut.recordMeetingActivity(activity(start));
    await sut.recordMeetingActivity(activity(start));

    assert.deepEqual(runs(sut), { codeOfConduct: 1, started: 1, ended: 0 });
    const [meeting, lines] = sut.notifier.postCodeOfConduct.firstCall.args;
    assert.deepEqual(meeting, { key: KEY, ...ADDRESS, title: 'Year 5 maths' });
    assert.deepEqual(lines, policy().codeOfConduct);
    assert.deepEqual(sut.routines.onLessonStarted[0]!.firstCall.args[0], KEY);
  });

  it("the lesson end runs the end routines once, with the lesson's alert book; the end redelivered repeats nothing", async () => {
    const sut = make();
    await sut.recordMeetingActivity(activity(started(at(0)), join(staff('t1'), at(0))));
    const end = ended(at(30));
    await sut.recordMeetingActivity(activity(end));
    await sut.recordMeetingActivity(activity(end));

    assert.deepEqual(runs(sut), { codeOfConduct: 1, started: 1, ended: 1 });
    const [key, record] = sut.routines.onLessonEnded[0]!.firstCall.args;
    assert.deepEqual(key, KEY);
    const stored = await sut.meetings.load(KEY);
    assert.deepEqual({ state: record.state, alerts: record.alerts }, { state: stored?.state, alerts: stored?.alerts });
  });

  it("a start older than the lesson's current one, delivered late, runs no start routine", async () => {
    const sut = make();
    await sut.recordMeetingActivity(activity(started(at(5))));
    await sut.recordMeetingActivity(activity(started(at(0))));
    assert.deepEqual(runs(sut), { codeOfConduct: 1, started: 1, ended: 0 });
  });

  it('the call Teams starts again after the lesson was ended that day runs no start routine again', async () => {
    const sut = make();
    await sut.recordMeetingActivity(
      activity(started(at(0)), join(staff('t1'), at(0)), leave('t1', at(25)), ended(at(30))),
    );
    await sut.recordMeetingActivity(activity(started(at(40))));
    assert.deepEqual(runs(sut), { codeOfConduct: 1, started: 1, ended: 1 });
  });

  it("who is staff is the directory's answer, never the meeting role Teams reports", async () => {
    const sut = make({ staff: ['t1'] });
    await sut.recordMeetingActivity(
      activity(
        started(at(0)),
        join(person('t1', 'pupil', { meetingRole: 'Attendee' }), at(0)),
        join(person('x9', 'staff', { meetingRole: 'Organizer' }), at(0)),
      ),
    );
    const people = (await sut.meetings.load(KEY))?.state.people;
    assert.equal(people?.t1?.role, 'staff');
    assert.equal(people?.x9?.role, 'pupil');
    assert.deepEqual(
      sut.directory.classify.args.map(([p]) => [p.aadObjectId, p.meetingRole]),
      [
        ['t1', 'Attendee'],
        ['x9', 'Organizer'],
      ],
    );
  });

  it('each newly applied event reaches the per-event routines once, redeliveries never', async () => {
    const sut = make();
    const events = [started(at(0)), join(staff('t1'), at(0))];
    await sut.recordMeetingActivity(activity(...events));
    await sut.recordMeetingActivity(activity(...events));
    const seen = sut.routines.onEventApplied[0]!.args.map(([, event]) => event.id);
    assert.deepEqual(
      seen,
      events.map((e) => e.id),
    );
  });

  it('a routine that fails is logged by name and the others still run', async () => {
    const sut = make();
    sut.notifier.postCodeOfConduct.rejects(new Error('HTTP 403'));
    await sut.recordMeetingActivity(activity(started(at(0))));
    assert.equal(sut.routines.onLessonStarted[0]!.callCount, 1);
    assert.equal(sut.routines.onEventApplied[0]!.callCount, 1);
    assert.equal(sut.logger.error.callCount, 1);
    assert.equal(sut.logger.error.firstCall.args[0].what, 'codeOfConduct');
  });
});
