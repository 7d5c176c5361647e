/** The `check <meeting>` answer as a card: what Chaperone would change in Meeting options, and why. */
import type { MeetingOptionsReport } from '../../app/meetingControl/checkMeetingOptions.js';
import { cardJson, heading, para, theirWords, type CardElement } from './adaptive.js';

/** One card: the planned changes (before -> after, in plain words) and any findings with their next step. */
export function meetingCheckCard(report: MeetingOptionsReport): CardElement {
  const body: CardElement[] = [heading('Meeting options check'), theirWords(report.title, 'Lesson')];
  if (report.changes.length) {
    body.push(para('Chaperone would change these options when the lesson starts (nothing has been changed yet):'));
    for (const change of report.changes) body.push(para(`• ${change.text}`));
  } else if (optionsMatch(report)) {
    body.push(para("The meeting options already match the school's policy.", { color: 'Good' }));
  }
  for (const finding of report.findings) {
    body.push(para(finding.message, { color: finding.severity === 'info' ? undefined : 'Warning' }));
    body.push(para(finding.action, { subtle: true }));
  }
  return cardJson(body);
}

/** The card's preview line: a count of planned changes only when Chaperone could read the options. */
export function meetingCheckPreview(report: MeetingOptionsReport): string {
  if (report.changes.length)
    return `Meeting options check: ${report.changes.length} change${report.changes.length === 1 ? '' : 's'} planned`;
  return optionsMatch(report)
    ? 'Meeting options check: the options already match the policy'
    : 'Meeting options check: please check the options yourself';
}

/** Chaperone read the options and found nothing to change or report. */
function optionsMatch(report: MeetingOptionsReport): boolean {
  return report.graph && !report.findings.some((f) => f.ruleId === 'meeting-options');
}
