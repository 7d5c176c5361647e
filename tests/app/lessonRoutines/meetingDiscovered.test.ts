import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardsTo } from '../../support/lessonCardsFake.js';
import {
  createMeetingDiscovered,
  type DiscoveredMeeting,
} from '../../../bot/src/app/lessonRoutines/meetingDiscovered.js';
import type { MeetingControl, MeetingSettings } from '../../../bot/src/app/meetingControl/ports.js';
import { emptyMeeting } from '../../../bot/src/domain/reducer.js';
import { at, policy } from '../../domain/builders.js';
import { fakeApply, fakeLogger } from './fakes.js';

const HOUR = 3_600_000;
const meetNow: DiscoveredMeeting = {
  key: { tenantId: 't', meetingId: 'm' },
  address: { serviceUrl: 'https://connector.example/', conversationId: '19:meeting@thread.v2' },
  activityId: 'added-1',
  meetingType: 'MeetNow',
  title: 'Quick catch-up',
  joinUrl: 'https://teams.example/join/1',
  organizerId: 'aad-teacher',
  addedBy: { aadObjectId: 'aad-assistant', teamsId: '29:assistant' },
};

function makeSut(meetingControl?: MeetingControl, staffIds = ['aad-teacher', 'aad-assistant']) {
  const applied = fakeApply(emptyMeeting('t', 'm'), policy());
  const sendToStaff = sinon.fake.resolves(undefined);
  const classify = sinon.fake(
    async (p: { aadObjectId?: string }) =>
      (staffIds.includes(p.aadObjectId ?? '') ? 'staff' : 'pupil') as 'staff' | 'pupil',
  );
  const discovered = createMeetingDiscovered({
    applyEvent: applied.apply,
    cards: cardsTo(sendToStaff),
    directory: { classify },
    clock: { now: () => at(0) },
    logger: fakeLogger(),
    ...(meetingControl ? { meetingControl } : {}),
  });
  // The lesson path delivers what an applied event started: these are the findings it was handed.
  const settledKeys = async () =>
    (await Promise.all(applied.apply.returnValues))
      .filter((o) => o.outcome === 'applied')
      .flatMap((o) => o.started.map((f) => f.key));
  return { discovered, applied, sendToStaff, settledKeys };
}

describe('app/lessonRoutines/meetingDiscovered', () => {
  it('seed 003 bullet 8: a "Meet now" call found when the app is added is recorded and raised through the alert book (the organizer hears through delivery), and the staff member who added the app is told too', async () => {
    const sut = makeSut();
    await sut.discovered(meetNow);
    assert.deepEqual(await sut.settledKeys(), ['scheduled-ahead:meet-now']);
    const state = sut.applied.current();
    assert.deepEqual(
      [state.meetingType, state.joinUrl, state.organizerId],
      ['MeetNow', meetNow.joinUrl, 'aad-teacher'],
    );
    assert.deepEqual(
      sut.sendToStaff.getCalls().map((c) => c.args[1]),
      ['aad-assistant'],
    );
    assert.match(sut.sendToStaff.firstCall.args[2].title, /"Quick catch-up": .*"Meet now"/);
  });

  it('the organizer adding the app is not told twice; a pupil who added it is not told; a redelivery settles nothing again', async () => {
    const byOrganizer = makeSut();
    await byOrganizer.discovered({ ...meetNow, addedBy: { aadObjectId: 'aad-teacher', teamsId: '29:teacher' } });
    assert.equal(byOrganizer.sendToStaff.callCount, 0);
    const byPupil = makeSut(undefined, ['aad-teacher']);
    await byPupil.discovered(meetNow);
    await byPupil.discovered(meetNow);
    assert.equal(byPupil.sendToStaff.callCount, 0);
    assert.equal((await byPupil.settledKeys()).length, 1);
  });

  it('seed 001 #8: with Graph, a lesson created less than 48 hours before it starts is raised as short notice, with its creation time recorded', async () => {
    const settings = { createdAt: at(0) - 2 * HOUR, startAt: at(0) + 3 * HOUR } as MeetingSettings;
    const sut = makeSut({
      findMeeting: sinon.fake.resolves(settings),
      updateSettings: sinon.fake(),
      attendanceRecords: sinon.fake(),
    });
    await sut.discovered({ ...meetNow, meetingType: 'Scheduled' });
    assert.deepEqual(await sut.settledKeys(), ['scheduled-ahead:short-notice']);
    assert.equal(sut.applied.current().createdAt, settings.createdAt);
    assert.equal(sut.applied.current().scheduledStart, settings.startAt);
  });

  it('a scheduled lesson raises nothing; a Graph failure only skips the short-notice check', async () => {
    const sut = makeSut({
      findMeeting: sinon.fake.rejects(new Error('down')),
      updateSettings: sinon.fake(),
      attendanceRecords: sinon.fake(),
    });
    await sut.discovered({ ...meetNow, meetingType: 'Scheduled' });
    assert.deepEqual(await sut.settledKeys(), []);
    assert.equal(sut.applied.events.length, 1);
  });
});
