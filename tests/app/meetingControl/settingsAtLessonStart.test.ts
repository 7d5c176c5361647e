import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { CHANGED_BY_CHAPERONE, createSettingsAtLessonStart } from '../../../bot/src/app/meetingControl/settingsAtLessonStart.js';
import type { MeetingControl, MeetingSettings } from '../../../bot/src/app/meetingControl/ports.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { at, meeting, policy } from '../../domain/builders.js';
import { fakeApply, fakeLogger } from '../lessonRoutines/fakes.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const start: MeetingEvent = { kind: 'meetingStarted', id: 's', at: at(0), meetingType: 'Scheduled', title: 'Maths', joinUrl: 'https://teams.example/join/1', organizerId: 'aad-teacher' };
const settings = {
  id: 'g', organizerId: 'aad-teacher', joinUrl: 'https://teams.example/join/1', lobbyScope: 'everyone', dialInBypass: false, allowedPresenters: 'organizer',
  attendeeMicAllowed: false, attendeeCameraAllowed: true, recordAutomatically: false, attendees: [],
} as MeetingSettings;

describe('app/meetingControl/settingsAtLessonStart: audit of changes', () => {
  it('issue 7 "every change is logged in the meeting\'s partition (before, after, by whom)": the change made at start is recorded as an event', async () => {
    const state = meeting(start);
    const applied = fakeApply(state);
    const control: MeetingControl = { findMeeting: sinon.fake.resolves(settings), updateSettings: sinon.fake.resolves({ ...settings, lobbyScope: 'organizer' }), attendanceRecords: sinon.fake.resolves([]) };
    const sendToStaff = sinon.fake.resolves(undefined);
    await createSettingsAtLessonStart({ meetingControl: control, notifier: { sendToStaff }, policyFor: () => policy(), logger: fakeLogger(), applyEvent: applied.apply })(KEY, state);
    assert.deepEqual(applied.events, [{
      kind: 'meetingSettingsChanged', id: `settings@${at(0)}`, at: at(0), by: CHANGED_BY_CHAPERONE,
      changes: [{ setting: 'lobbyScope', before: 'Everyone', after: 'Only organizers and co-organizers' }],
    }]);
    assert.match(sendToStaff.firstCall.args[2].title, /made "Maths" safer/);
  });

  it('records nothing when the meeting already complies or Graph refused the change', async () => {
    const state = meeting(start);
    const applied = fakeApply(state);
    const compliant: MeetingControl = { findMeeting: sinon.fake.resolves({ ...settings, lobbyScope: 'organizer' }), updateSettings: sinon.fake(), attendanceRecords: sinon.fake() };
    await createSettingsAtLessonStart({ meetingControl: compliant, notifier: { sendToStaff: sinon.fake.resolves(undefined) }, policyFor: () => policy(), logger: fakeLogger(), applyEvent: applied.apply })(KEY, state);
    const refusing: MeetingControl = { ...compliant, findMeeting: sinon.fake.resolves(settings), updateSettings: sinon.fake.rejects(new Error('down')) };
    await createSettingsAtLessonStart({ meetingControl: refusing, notifier: { sendToStaff: sinon.fake.resolves(undefined) }, policyFor: () => policy(), logger: fakeLogger(), applyEvent: applied.apply })(KEY, state);
    assert.deepEqual(applied.events, []);
  });
});
