import { strict as assert } from 'node:assert';
import type { AlertMessage } from '../../../bot/src/app/ports.js';
import type { RuleId } from '../../../bot/src/domain/rules/rule.js';
import { dslAlertActivity, notificationTitle } from '../../../bot/src/teams/alerts/alertCards.js';

const finding = (ruleId: RuleId, key: string = ruleId): AlertMessage['finding'] => ({
  ruleId,
  key,
  severity: ruleId === 'unsupervised' ? 'critical' : 'warning',
  message: 'Something happened.',
  action: 'Do this now.',
});
const alert = (over: Partial<AlertMessage> = {}): AlertMessage => ({
  meeting: {
    key: { tenantId: 't', meetingId: 'm' },
    serviceUrl: 'https://connector.example/',
    conversationId: 'c',
    title: 'Reading with Amira Khan',
  },
  finding: finding('unsupervised'),
  phase: 'raised',
  at: Date.UTC(2026, 2, 10, 10, 4),
  ...over,
});

describe('teams/alerts/alertCards (issue 18: alerts a teacher can act on, previews that name nobody)', () => {
  it("the DSL's lock-screen preview names the rule only; the lesson title (which may name a child) is inside the card", () => {
    for (const phase of ['raised', 'cleared', 'acknowledged'] as const) {
      const activity = dslAlertActivity(
        alert({ phase, acknowledgedBy: { name: 'Mrs Fletcher', at: Date.UTC(2026, 2, 10, 10, 6) } }),
        'https://x.example/record',
        'Europe/London',
      );
      assert.doesNotMatch(`${activity.text} ${'summary' in activity ? activity.summary : ''}`, /Amira|Reading/, phase);
      assert.match(
        JSON.stringify(activity.attachments),
        /Reading with Amira Khan/,
        `${phase}: the card itself says which lesson`,
      );
    }
  });

  it('an in-meeting notification says in a few words what it is about, one for findings that started together', () => {
    assert.equal(notificationTitle(alert()), 'Chaperone: Pupils without an adult');
    assert.equal(
      notificationTitle(
        alert({
          finding: finding('consent', 'consent:p1'),
          also: [finding('consent', 'consent:p2'), finding('consent', 'consent:p3')],
        }),
      ),
      'Chaperone: Consent not recorded (3)',
    );
    assert.equal(
      notificationTitle(
        alert({ finding: finding('max-duration'), also: [finding('consent', 'consent:p1'), finding('recording')] }),
      ),
      'Chaperone: Time limit + 2 more',
    );
    assert.equal(notificationTitle(alert({ phase: 'cleared' })), 'Chaperone: resolved (Pupils without an adult)');
  });
});
