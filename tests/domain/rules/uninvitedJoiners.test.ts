import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { uninvitedJoinerFindings } from '../../../bot/src/domain/rules/uninvitedJoiners.js';

const invitation = { organizerId: 'Teacher-1', inviteeIds: ['pupil-1', 'PUPIL-2'] };

describe('rules/lobby: uninvited joiners', () => {
  it('seed 002 line 18: a joiner who was not invited is one lobby finding for the staff present, however often they join', () => {
    const findings = uninvitedJoinerFindings(invitation, ['pupil-1', 'stranger-9', 'stranger-9']);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.key, f.subjectIds, f.audience, f.severity]),
      [['lobby', 'lobby:uninvited:stranger-9', ['stranger-9'], ['staffPresent'], 'warning']],
    );
    assert.equal(findings[0]!.source, 'seed 002 line 18');
    assert.doesNotMatch(`${findings[0]!.message} ${findings[0]!.action}`, /seed|stranger/i);
  });

  it('seed 002 line 18: invitees and the organizer pass, whatever the case of their ids', () => {
    assert.deepEqual(uninvitedJoinerFindings(invitation, ['Pupil-1', 'pupil-2', 'teacher-1']), []);
  });

  it('cannot check a meeting with no invite list (a channel meeting) and says nothing', () => {
    assert.deepEqual(uninvitedJoinerFindings({ organizerId: 't', inviteeIds: [] }, ['anyone']), []);
  });

  it('finds exactly the distinct joiners missing from the invitation', () => {
    const id = fc.constantFrom('a', 'B', 'c', 'D', 'e');
    fc.assert(
      fc.property(id, fc.array(id, { minLength: 1 }), fc.array(id), (organizerId, inviteeIds, joined) => {
        const invited = new Set([organizerId, ...inviteeIds].map((i) => i.toLowerCase()));
        const expected = [...new Set(joined)].filter((i) => !invited.has(i.toLowerCase()));
        assert.deepEqual(
          uninvitedJoinerFindings({ organizerId, inviteeIds }, joined).map((f) => f.subjectIds?.[0]),
          expected,
        );
      }),
    );
  });
});
