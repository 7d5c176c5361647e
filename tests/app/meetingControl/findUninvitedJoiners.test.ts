import { strict as assert } from 'node:assert';
import { findUninvitedJoiners } from '../../../bot/src/app/meetingControl/findUninvitedJoiners.js';

const settings = {
  organizerId: 'Teacher-1',
  attendees: [{ aadObjectId: 'pupil-1' }, { aadObjectId: 'PUPIL-2' }, { upn: 'external@example.org' }],
};

describe('findUninvitedJoiners', () => {
  it('seed 002 line 18: a joiner who was not invited is a finding for the staff present', () => {
    const findings = findUninvitedJoiners(settings, ['pupil-1', 'stranger-9', 'stranger-9']);
    assert.deepEqual(
      findings.map((f) => [f.key, f.subjectIds, f.audience]),
      [['lobby:uninvited:stranger-9', ['stranger-9'], ['staffPresent']]],
    );
    assert.equal(findings[0]!.source, 'seed 002 line 18');
  });

  it('seed 002 line 18: invitees and the organizer pass, whatever the case of their ids', () => {
    assert.deepEqual(findUninvitedJoiners(settings, ['pupil-2', 'teacher-1']), []);
  });

  it('cannot check a meeting with no invite list (a channel meeting) and says nothing', () => {
    assert.deepEqual(findUninvitedJoiners({ organizerId: 't', attendees: [] }, ['anyone']), []);
  });
});
