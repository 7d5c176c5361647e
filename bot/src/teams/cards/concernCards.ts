/**
 * Cards about one concern sent to people: the reporter's receipt, the DSL alert and the
 * reporter's later updates. Previews (`text`, `summary`) are content-light: mobile pushes and
 * lock screens are public, so they carry the reference and urgency, never a pupil or the text.
 */
import { lessonWords } from '../../app/concerns/lessonLink.js';
import type { ReporterUpdate } from '../../app/concerns/ports.js';
import { formatInZone } from '../../app/time.js';
import { CATEGORY_LABELS, type Concern } from '../../app/concerns/types.js';
import { cardAttachment, cardJson, execute, facts, heading, para, theirWords, type CardElement } from './adaptive.js';
import { addLaterWords, receiptWords, type DslReach } from '../../app/concerns/receiptWords.js';

/** Verbs of the buttons on concern cards. */
export const CONCERN_VERBS = { acknowledge: 'concern.ack', show: 'concern.show', open: 'concern.open' } as const;

/**
 * The content-light line used as push preview and activity text for a new concern: never the
 * lesson's title (it may name a child); the card itself says which lesson.
 */
export function newConcernPreview(concern: Concern): string {
  const urgency = concern.details.urgency === 'urgent' ? ' (urgent)' : '';
  return `New safeguarding concern ${concern.ref}${urgency} from ${concern.details.lesson ? 'a lesson' : 'chat'}`;
}

/**
 * The card that replaces the form once the concern is stored: it cannot be sent again. `dslPhone`
 * (the school's number for the DSL) is offered when the alert could not reach them.
 */
export function receiptCard(
  concern: Concern,
  timeZone: string,
  reach: DslReach | undefined,
  dslPhone?: string,
): CardElement {
  const words = receiptWords(reach, dslPhone);
  const body: CardElement[] = [
    heading(`Concern ${concern.ref} logged`, 'Good'),
    para(words.told),
    facts([
      ['Reference', concern.ref],
      ['Logged at', formatInZone(concern.raisedAt, timeZone)],
      ['Urgency', concern.details.urgency === 'urgent' ? 'Urgent' : 'Routine'],
    ]),
    para(
      `I will let you know here when a DSL has read it. Keep the reference; type "concern ${concern.ref}" to see it again.`,
      { subtle: true },
    ),
    para(addLaterWords(concern.ref, 'chat'), { subtle: true }),
  ];
  if (words.warning) body.push(para(words.warning, { color: 'Attention' }));
  return cardJson(body);
}

/** The whole of a concern's first entry, for DSLs and the reporter inside a card body. */
export function concernSummaryElements(concern: Concern, timeZone: string): CardElement[] {
  const d = concern.details;
  return [
    facts([
      ['Reference', concern.ref],
      ['Urgency', d.urgency === 'urgent' ? 'URGENT: child may be at immediate risk' : 'Routine'],
      ['Kind', CATEGORY_LABELS[d.category]],
      ['Happened', formatInZone(d.happenedAt, timeZone)],
      ['Logged', formatInZone(concern.raisedAt, timeZone)],
    ]),
    theirWords(concern.reporter.name, 'Reported by'),
    theirWords(d.pupilName, 'Pupil'),
    theirWords(lessonWords(d.lesson, timeZone), 'Lesson'),
    theirWords(d.whatHappened, 'What was seen or heard'),
    theirWords(d.actionsTaken, 'Actions already taken'),
  ];
}

/** The proactive alert each DSL receives for a new concern. */
export function dslConcernAlert(concern: Concern, timeZone: string) {
  const preview = newConcernPreview(concern);
  const urgent = concern.details.urgency === 'urgent';
  const card = cardJson(
    [
      heading(
        urgent ? `URGENT safeguarding concern ${concern.ref}` : `Safeguarding concern ${concern.ref}`,
        urgent ? 'Attention' : undefined,
      ),
      ...concernSummaryElements(concern, timeZone),
    ],
    [
      execute("I'm dealing with it", CONCERN_VERBS.acknowledge, { ref: concern.ref }, 'positive'),
      execute('Show the record', CONCERN_VERBS.show, { ref: concern.ref }),
    ],
  );
  return { type: 'message', text: preview, summary: preview, attachments: [cardAttachment(card)] };
}

/** What the reporter is told later: who did what and when, never the content. */
export function reporterUpdateActivity(concern: Concern, update: ReporterUpdate, timeZone: string) {
  const when = formatInZone(update.at, timeZone);
  const line =
    update.kind === 'acknowledged'
      ? `Your concern ${concern.ref} was read and acknowledged by ${update.by.name} at ${when}. ${addLaterWords(concern.ref, 'chat')}`
      : `Your concern ${concern.ref} was closed by ${update.by.name} at ${when}. Thank you for raising it.`;
  const preview =
    update.kind === 'acknowledged' ? `Concern ${concern.ref} acknowledged` : `Concern ${concern.ref} closed`;
  return {
    type: 'message',
    text: preview,
    summary: preview,
    attachments: [cardAttachment(cardJson([heading(preview), para(line)]))],
  };
}
