import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardsTo } from '../../support/lessonCardsFake.js';
import { checklistReminder, createChecklistReminder } from '../../../bot/src/app/lessonRoutines/checklistReminder.js';
import { at, meeting, policy, started } from '../../domain/builders.js';

describe('app/lessonRoutines/checklistReminder', () => {
  it('seed 001 #1, #7, #9 and seed 000 #9: the strict policy reminds staff of every session item and every per-pupil check, in plain words', () => {
    const card = checklistReminder(policy(), 'Year 5 maths');
    assert.equal(card.title, 'Session checklist for "Year 5 maths"');
    const text = card.lines.join('\n');
    for (const item of [
      'Expectations read out to pupils',
      'Staff roles agreed',
      'Recording started',
      'End meeting',
      'consent',
      'parent or carer is in the room',
      'shared room',
    ])
      assert.ok(text.includes(item), item);
    assert.match(text, /within 5 minutes/);
    assert.doesNotMatch(text, /KCSIE/);
  });

  it('lists only the items and checks the policy switches on', () => {
    const card = checklistReminder(
      policy({
        pupilChecks: { consent: false, parentPresent: false, communalRoom: false },
        recording: { required: 'never' },
      }),
      'Art',
    );
    const text = card.lines.join('\n');
    assert.doesNotMatch(text, /consent|Recording started|For each pupil/);
    assert.match(text, /Expectations read out/);
  });

  it('gives no lines when the policy asks for nothing at all', () => {
    const none = policy({
      pupilChecks: { consent: false, parentPresent: false, communalRoom: false },
      recording: { required: 'never' },
      checklist: { expectationsRead: false, rolesAgreed: false },
      endForAll: { required: false },
    });
    assert.deepEqual(checklistReminder(none, 'x').lines, []);
  });

  it('issue 4 "send staff the session checklist reminder": the organizer gets it as a 1:1 card; a lesson with no known organizer sends nothing', async () => {
    const sendToStaff = sinon.fake.resolves(undefined);
    const remind = createChecklistReminder({ cards: cardsTo(sendToStaff), policyFor: () => policy() });
    await remind({ tenantId: 't', meetingId: 'm' }, meeting(started(at(0), { organizerId: 'teacher-1' })));
    assert.equal(sendToStaff.callCount, 1);
    assert.deepEqual(sendToStaff.firstCall.args.slice(0, 2), ['t', 'teacher-1']);
    await remind({ tenantId: 't', meetingId: 'm' }, meeting(started(at(0))));
    assert.equal(sendToStaff.callCount, 1);
  });
});
