import assert from 'node:assert/strict';
import sinon from 'sinon';
import { buildStatusView } from '../../../bot/src/app/sidePanel/buildStatusView.js';
import { checkCells, checkHeaders, PUPIL_CHECK_LABELS } from '../../../bot/src/app/sidePanel/pupilChecks.js';
import { recordStaffAction } from '../../../bot/src/app/sidePanel/recordStaffAction.js';
import type { ApplyMeetingEvent } from '../../../bot/src/app/lesson/applyMeetingEvent.js';
import type { MeetingRecord, MeetingStore } from '../../../bot/src/app/ports.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, PupilCheckState } from '../../../bot/src/domain/types.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';

const T0 = Date.parse('2026-03-10T10:00:00Z');
const MIN = 60_000;
const khan = { id: 'staff-1', teamsId: '29:s1', name: 'Ms Khan', role: 'staff' as const };
const pupil = { id: 'pupil-1', teamsId: '29:p1', name: 'Pupil One', role: 'pupil' as const };
const policy = policyFromPreset('strict');

const record = (...more: MeetingEvent[]): MeetingRecord => ({
  state: [
    { kind: 'meetingStarted', id: 's', at: T0, meetingType: 'Scheduled', title: 'Maths' } as MeetingEvent,
    { kind: 'participantJoined', id: 'j1', at: T0, participant: khan } as MeetingEvent,
    { kind: 'participantJoined', id: 'j2', at: T0 + MIN, participant: pupil } as MeetingEvent,
    ...more,
  ].reduce(reduce, emptyMeeting('tenant', 'meeting')),
  alerts: {},
  etag: 'W/"1"',
});
const checked = (state: PupilCheckState, at: number, id: string): MeetingEvent => ({
  kind: 'pupilCheckRecorded',
  id,
  at,
  pupilId: pupil.id,
  check: 'consent',
  state,
  by: khan.id,
});

describe('app/sidePanel: pupil checks in the status view', () => {
  it('labels each check the policy asks for once, with what a "no" leads to; rows carry only states', () => {
    const view = buildStatusView(record(), policy, T0 + 2 * MIN);
    assert.deepEqual(
      view.pupilChecks.map((c) => c.check),
      ['consent', 'parentPresent', 'communalRoom'],
    );
    assert.equal(view.pupilChecks.find((c) => c.check === 'parentPresent')?.label, PUPIL_CHECK_LABELS.parentPresent);
    assert.match(view.pupilChecks.find((c) => c.check === 'consent')?.ifNo ?? '', /Remove the pupil from the meeting/);
    assert.deepEqual(view.register[0]?.checks, {
      consent: { state: 'notYet' },
      parentPresent: { state: 'notYet' },
      communalRoom: { state: 'notYet' },
    });
    assert.ok(!JSON.stringify(view.register).includes(PUPIL_CHECK_LABELS.parentPresent), 'no label copies per pupil');
  });

  it('gives each check its state with who set it and when, a set-back "not yet" included', () => {
    const stamp = (at: number) => ({ by: khan.id, byName: 'Ms Khan', at });
    const yes = buildStatusView(record(checked('yes', T0 + 2 * MIN, 'a')), policy, T0 + 3 * MIN);
    assert.deepEqual(yes.register[0]?.checks.consent, { state: 'yes', stamp: stamp(T0 + 2 * MIN) });
    const undone = record(checked('no', T0 + 2 * MIN, 'a'), checked('notYet', T0 + 3 * MIN, 'b'));
    assert.deepEqual(buildStatusView(undone, policy, T0 + 4 * MIN).register[0]?.checks.consent, {
      state: 'notYet',
      stamp: stamp(T0 + 3 * MIN),
    });
  });

  it('register files: yes, no or not yet, then who and when (nobody while never recorded)', () => {
    assert.deepEqual(checkHeaders('Consent'), ['Consent', 'Consent: recorded by']);
    const time = (at: number) => `t${at}`;
    assert.deepEqual(checkCells({ state: 'no', stamp: { by: 'x', byName: 'Ms Khan', at: 5 } }, time), [
      'no',
      'Ms Khan at t5',
    ]);
    assert.deepEqual(checkCells({ state: 'notYet' }, time), ['not yet', '']);
    assert.deepEqual(checkCells(undefined, time), ['not yet', '']);
  });

  it('records a side-panel choice as a three-state event by the caller', async () => {
    const applyEvent = sinon.stub().resolves({ outcome: 'applied' }) as unknown as ApplyMeetingEvent & sinon.SinonStub;
    const meetings = { load: sinon.stub().resolves(record()) } as unknown as MeetingStore;
    const deps = {
      meetings,
      applyEvent,
      requestKeys: { claim: sinon.stub().resolves('new') },
      logger: fakeLogger(),
      clock: { now: () => T0 + 7 },
    };
    const request = { callerId: khan.id, endpoint: 'm/pupil-checks', key: 'req-12345678' };
    await recordStaffAction(deps, { tenantId: 'tenant', meetingId: 'meeting' }, request, {
      kind: 'pupilCheck',
      pupilId: pupil.id,
      check: 'consent',
      state: 'notYet',
    });
    const [, event] = applyEvent.firstCall.args as [unknown, MeetingEvent];
    assert.deepEqual(
      { ...event, id: 'x' },
      {
        kind: 'pupilCheckRecorded',
        id: 'x',
        at: T0 + 7,
        by: khan.id,
        pupilId: pupil.id,
        check: 'consent',
        state: 'notYet',
      },
    );
  });
});
