import assert from 'node:assert/strict';
import sinon from 'sinon';
import { recordStaffAction, StaffActionRefused } from '../../../bot/src/app/sidePanel/recordStaffAction.js';
import type { MeetingRecord, MeetingStore } from '../../../bot/src/app/ports.js';
import type { ApplyMeetingEvent } from '../../../bot/src/app/lesson/applyMeetingEvent.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';
import { joined, lesson, started, T0, teacher } from './statusViewFixtures.js';

describe('app/sidePanel/recordStaffAction', () => {
  function makeSut(record: MeetingRecord | undefined) {
    const meetings = { load: sinon.stub().resolves(record) } as unknown as MeetingStore;
    const applyEvent = sinon
      .stub()
      .resolves({ outcome: 'applied', record, started: [], cleared: [] }) as unknown as ApplyMeetingEvent &
      sinon.SinonStub;
    const requestKeys = { claim: sinon.stub().resolves('new') };
    return {
      deps: { meetings, applyEvent, requestKeys, logger: fakeLogger(), clock: { now: () => T0 + 7 } },
      applyEvent,
      requestKeys,
    };
  }
  const key = { tenantId: 'tenant', meetingId: 'meeting' };
  const caller = { callerId: 'staff-1', endpoint: 'meeting/checklist', key: 'req-12345678' };

  it("applies a tick as an event keyed by the client request id, by the caller, at the clock's time", async () => {
    const { deps, applyEvent } = makeSut(lesson([started]));
    await recordStaffAction(deps, key, caller, { kind: 'checklist', item: 'rolesAgreed', ticked: true });
    const [appliedKey, event] = applyEvent.firstCall.args as [unknown, { id: string }];
    assert.deepEqual(appliedKey, key);
    assert.match(event.id, /^tab:[\w-]{32}$/, 'keyed by caller, endpoint and request id, not the bare id');
    assert.deepEqual(
      { ...event, id: 'x' },
      { kind: 'checklistTicked', id: 'x', at: T0 + 7, by: 'staff-1', item: 'rolesAgreed', ticked: true },
    );
  });

  it('refuses a check for someone who is not a pupil of the lesson, and a lesson never seen', async () => {
    const withTeacher = makeSut(lesson([started, joined(teacher, T0)]));
    await assert.rejects(
      recordStaffAction(withTeacher.deps, key, caller, { kind: 'registerMark', pupilId: 'staff-1', mark: 'left' }),
      (e: unknown) => e instanceof StaffActionRefused && e.reason === 'pupilNotFound',
    );
    const none = makeSut(undefined);
    await assert.rejects(
      recordStaffAction(none.deps, key, caller, { kind: 'breach' }),
      (e: unknown) => e instanceof StaffActionRefused && e.reason === 'lessonNotFound',
    );
    assert.equal(none.applyEvent.callCount, 0);
  });
});
