import type { Attachment } from 'botbuilder';
import type { AlertMessage } from '../../app/ports.js';
import { formatInZone } from '../../app/time.js';
import { acknowledgeButton } from './acknowledgementCards.js';

const RULE_NAMES: Record<string, string> = {
  unsupervised: 'Pupils without an adult',
  'rejoin-after-end': 'Someone joined after the end',
  'end-for-all': 'Lesson not ended for everyone',
  'no-one-to-one': 'One adult alone with one pupil',
  'staff-pair': 'Fewer staff than the policy requires',
  breach: 'Breach reported by staff',
  consent: 'Consent not recorded',
  'parent-present': 'Parent or carer in the room',
  'communal-room': 'Pupil in a shared room',
  expectations: 'Session checklist',
  recording: 'Recording',
  'max-duration': 'Time limit',
  lobby: 'Lobby',
  'school-hours': 'Outside school hours',
  'scheduled-ahead': 'Booked at short notice',
  'record-if-single-staff': 'Recording with one member of staff',
};

/** The rule's short public name: safe for a lock screen (no pupil, no detail). */
export function ruleName(ruleId: string): string {
  return RULE_NAMES[ruleId] ?? ruleId.replace(/-/g, ' ');
}

/**
 * The title of a targeted in-meeting notification: what it is about, in a few words. Findings that
 * started together are one notification ("Consent not recorded (3)", "Time limit + 2 more").
 */
export function notificationTitle(alert: Pick<AlertMessage, 'finding' | 'also' | 'phase'>): string {
  const findings = [alert.finding, ...(alert.also ?? [])];
  const names = [...new Set(findings.map((f) => ruleName(f.ruleId)))];
  const what =
    names.length > 1
      ? `${names[0]} + ${names.length - 1} more`
      : findings.length > 1
        ? `${names[0]} (${findings.length})`
        : names[0]!;
  return alert.phase === 'raised' ? `Chaperone: ${what}` : `Chaperone: resolved (${what})`;
}

/**
 * The DSL's 1:1 card. Its preview (`summary`/`text`) names only the rule, because mobile
 * notifications and lock screens are public and a lesson's title may name a child; the lesson and
 * what to do are inside the card.
 */
export function dslAlertActivity(alert: AlertMessage, openUrl: string, timeZone: string) {
  if (alert.phase === 'acknowledged') return acknowledgedActivity(alert, openUrl, timeZone);
  const cleared = alert.phase === 'cleared';
  const critical = alert.finding.severity === 'critical';
  // A critical alert that ended is not "resolved": what happened still has to be followed up.
  const label = !cleared ? 'Safeguarding alert' : critical ? 'Ended' : 'Resolved';
  const preview = `${label}: ${ruleName(alert.finding.ruleId)} in a lesson`;
  const heading = `${label}: ${ruleName(alert.finding.ruleId)} in "${alert.meeting.title}"`;
  const afterwards = critical
    ? 'This alert has ended. That does not close it: check what happened with the staff involved and record it.'
    : 'No action is needed now; the record keeps the timeline.';
  const takeIt =
    !cleared && critical
      ? [
          acknowledgeButton({
            meetingId: alert.meeting.key.meetingId,
            findingKey: alert.finding.key,
            raisedAt: alert.at,
          }),
        ]
      : [];
  const card: Attachment = {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        {
          type: 'TextBlock',
          text: heading,
          weight: 'Bolder',
          wrap: true,
          color: cleared ? 'Good' : 'Attention',
          style: 'heading',
        },
        { type: 'TextBlock', text: alert.finding.message, wrap: true },
        {
          type: 'TextBlock',
          text: cleared ? afterwards : `Staff were told: ${alert.finding.action}`,
          wrap: true,
          isSubtle: true,
        },
        { type: 'FactSet', facts: [{ title: 'Severity', value: alert.finding.severity }] },
      ],
      actions: [
        ...takeIt,
        { type: 'Action.OpenUrl', title: 'Open the lesson record', url: openUrl },
        {
          type: 'Action.Submit',
          title: 'Log a concern',
          data: { command: 'concern', meetingId: alert.meeting.key.meetingId, meetingTitle: alert.meeting.title },
        },
      ],
    },
  };
  return { type: 'message', text: preview, summary: preview, attachments: [card] };
}

/** Tells someone who got a critical alert that another person is dealing with it. */
function acknowledgedActivity(alert: AlertMessage, openUrl: string, timeZone: string) {
  const by = alert.acknowledgedBy;
  const preview = `Taken: ${ruleName(alert.finding.ruleId)} in a lesson`;
  const line = by
    ? `${by.name} is dealing with it (since ${formatInZone(by.at, timeZone)}). You do not need to take it.`
    : 'Someone is dealing with it.';
  return cardMessage(
    preview,
    [
      {
        type: 'TextBlock',
        text: `Taken: ${ruleName(alert.finding.ruleId)} in "${alert.meeting.title}"`,
        weight: 'Bolder',
        wrap: true,
        style: 'heading',
        color: 'Good',
      },
      { type: 'TextBlock', text: line, wrap: true },
    ],
    true,
    [{ type: 'Action.OpenUrl', title: 'Open the lesson record', url: openUrl }],
  );
}

/** A message carrying one Adaptive Card (schema 1.5) with the given body; `preview` is the notification text. */
function cardMessage(preview: string, body: object[], summary = true, actions: object[] = []) {
  return {
    type: 'message',
    text: preview,
    ...(summary ? { summary: preview } : {}),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { type: 'AdaptiveCard', version: '1.5', body, ...(actions.length ? { actions } : {}) },
      },
    ],
  };
}

/** A short card for one member of staff (organizer away from the meeting, summaries, reminders). */
export function staffCardActivity(card: { title: string; lines: string[] }) {
  return cardMessage(card.title, [
    { type: 'TextBlock', text: card.title, weight: 'Bolder', wrap: true, style: 'heading' },
    ...card.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true })),
  ]);
}

/** The only thing pupils see from Chaperone: the lesson's expectations, in friendly words. */
export function codeOfConductActivity(lines: string[]) {
  const items = lines.length
    ? lines
    : [
        'Be kind and polite, as you would be in class.',
        'Stay in a shared room at home, with your grown-up in the room with you.',
        'Please do not take photos, screenshots or recordings.',
      ];
  return cardMessage(
    'Welcome to the lesson',
    [
      { type: 'TextBlock', text: 'Welcome to the lesson', weight: 'Bolder', size: 'Medium', style: 'heading' },
      { type: 'TextBlock', text: 'To keep everyone safe today:', wrap: true },
      ...items.map((line) => ({ type: 'TextBlock', text: `• ${line}`, wrap: true, spacing: 'Small' })),
    ],
    false,
  );
}
