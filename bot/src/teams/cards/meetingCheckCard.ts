/** The `check <meeting>` answer as a card: what Chaperone would change in Meeting options, and why. */
import type { MeetingOptionsReport } from '../../app/meetingControl/checkMeetingOptions.js';
import { cardJson, heading, para, theirWords, type CardElement } from './adaptive.js';

/** One card: the planned changes (before -> after, with the seed lines) and any findings with their next step. */
export function meetingCheckCard(report: MeetingOptionsReport): CardElement {
  const body: CardElement[] = [heading('Meeting options check'), theirWords(report.title, 'Lesson')];
  if (report.changes.length) {
    body.push(para('Chaperone would change these options when the lesson starts (nothing has been changed yet):'));
    for (const change of report.changes) body.push(para(`• ${change.text} (${change.source})`));
  } else if (report.graph && !report.findings.some((f) => f.ruleId === 'meeting-options')) {
    body.push(para('The meeting options already match the school\'s policy.', { color: 'Good' }));
  }
  for (const finding of report.findings) {
    body.push(para(finding.message, { color: finding.severity === 'info' ? undefined : 'Warning' }));
    body.push(para(finding.action, { subtle: true }));
  }
  return cardJson(body);
}
