import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Delivery, FindingMessage } from '../../bot/src/app/delivery/delivery.js';
import type { RuleId } from '../../bot/src/domain/rules/rule.js';
import { createTeamsDeliverySender } from '../../bot/src/teams/deliverySender.js';

const meeting = {
  key: { tenantId: 't', meetingId: 'm' },
  serviceUrl: 'https://connector.example/',
  conversationId: 'c',
  title: 'Year 5 maths',
};
const finding = (ruleId: RuleId, message: string, action: string): FindingMessage['finding'] => ({
  ruleId,
  key: ruleId,
  severity: 'critical',
  message,
  action,
});
const toOrganizer = (message: FindingMessage): Delivery => ({
  id: 'd1',
  message,
  recipient: { kind: 'person', aadObjectId: 'organizer', role: 'organizer' },
  critical: true,
  state: 'pending',
  createdAt: 0,
  attempts: 1,
  nextAttemptAt: 0,
});

describe("teams/deliverySender: the organizer's short card", () => {
  const sut = () => {
    const sendToStaff = sinon.fake.resolves({ activityId: 'a1' });
    const sender = createTeamsDeliverySender({
      alertStaffInMeeting: sinon.fake.resolves(undefined),
      alertDsl: sinon.fake.resolves({}),
      sendToStaff,
    });
    return { sender, sendToStaff };
  };

  it('findings that started together: the most serious as the title, the others as lines, each action once', async () => {
    const { sender, sendToStaff } = sut();
    const message: FindingMessage = {
      kind: 'finding',
      phase: 'raised',
      meeting,
      raisedAt: 0,
      finding: finding(
        'unsupervised',
        '3 pupils are in the lesson with no member of staff.',
        'Join now or end the meeting.',
      ),
      also: [
        finding('end-for-all', 'The last member of staff left while pupils were in.', 'Join now or end the meeting.'),
      ],
    };
    await sender.send('t', toOrganizer(message));
    const card = sendToStaff.firstCall.args[2] as { title: string; lines: string[] };
    assert.equal(card.title, '3 pupils are in the lesson with no member of staff.');
    assert.deepEqual(card.lines, [
      'Join now or end the meeting.',
      'Also: The last member of staff left while pupils were in. Join now or end the meeting.',
    ]);
  });

  it('a critical alert that ended is "Ended", never "Resolved": it still has to be followed up', async () => {
    const { sender, sendToStaff } = sut();
    await sender.send(
      't',
      toOrganizer({
        kind: 'finding',
        phase: 'cleared',
        meeting,
        raisedAt: 0,
        finding: finding('unsupervised', 'Pupils were left alone.', 'Join now.'),
      }),
    );
    const card = sendToStaff.firstCall.args[2] as { title: string; lines: string[] };
    assert.equal(card.title, 'Ended: Pupils were left alone.');
    assert.match(card.lines.join(' '), /Check what happened with the DSL today/);
    assert.doesNotMatch(JSON.stringify(card), /Resolved/);
  });
});
