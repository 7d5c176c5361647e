import assert from 'node:assert/strict';
import { buildStatusView } from '../../../bot/src/app/sidePanel/buildStatusView.js';
import { guestNote } from '../../../bot/src/app/sidePanel/whoIsIn.js';
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';

const T0 = Date.parse('2026-03-10T10:00:00Z');
const person = (id: string, role: Participant['role']): Participant => ({ id, teamsId: `29:${id}`, name: id, role });
const joined = (p: Participant, i: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: `j${i}`,
  at: T0 + i,
  participant: p,
});

function record(people: Participant[]): MeetingRecord {
  const events: MeetingEvent[] = [
    { kind: 'meetingStarted', id: 's', at: T0, meetingType: 'Scheduled', title: 'Maths' },
    ...people.map(joined),
  ];
  return { state: events.reduce(reduce, emptyMeeting('tenant', 'meeting')), alerts: {}, etag: 'W/"1"' };
}

describe('app/sidePanel: guests and people not identified', () => {
  const strict = policyFromPreset('strict');

  it('counts pupils, guests and people not identified apart, while supervision still counts them all', () => {
    const everyone = [
      person('t1', 'staff'),
      person('p1', 'pupil'),
      person('p2', 'pupil'),
      person('g1', 'guest'),
      person('a1', 'unknown'),
    ];
    const view = buildStatusView(record(everyone), strict, T0 + 60_000);
    assert.deepEqual(view.presentByRole, { pupils: 2, guests: 1, notIdentified: 1 });
    assert.equal(view.pupilsPresent, 4);
    assert.deepEqual(Object.fromEntries(view.people.map((p) => [p.id, p.role])), {
      t1: 'staff',
      p1: 'pupil',
      p2: 'pupil',
      g1: 'guest',
      a1: 'unknown',
    });
    assert.deepEqual(Object.fromEntries(view.register.map((r) => [r.id, r.role])), {
      p1: 'pupil',
      p2: 'pupil',
      g1: 'guest',
      a1: 'unknown',
    });
  });

  it('someone once seen as a guest is shown as a guest, even when a later join says staff', () => {
    const view = buildStatusView(record([person('x', 'guest'), person('x', 'staff')]), strict, T0 + 60_000);
    assert.deepEqual(
      view.people.map((p) => p.role),
      ['guest'],
    );
    assert.deepEqual(view.presentByRole, { pupils: 0, guests: 1, notIdentified: 0 });
  });

  it('says in one sentence what the policy means for them, following the lobby settings', () => {
    assert.equal(
      guestNote(strict),
      'Guests and people not identified are treated like pupils: the same checks and the same number of staff, ' +
        'and they wait in the lobby until a member of staff has checked they were invited and lets them in.',
    );
    assert.doesNotMatch(guestNote(policyFromPreset('strict', { lobby: { checkInvitees: false } })), /invited/);
    assert.doesNotMatch(guestNote(policyFromPreset('strict', { lobby: { required: false } })), /lobby/);
    assert.doesNotMatch(guestNote(strict), /seed/);
  });
});
