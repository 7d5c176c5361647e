/** Cards that show concerns on request: one concern's chronology, and a page of the list. */
import { chronologyLines } from '../../app/concerns/chronologyText.js';
import { lessonWords } from '../../app/concerns/lessonLink.js';
import { formatInZone } from '../../app/time.js';
import { CATEGORY_LABELS, concernStatus, type Concern } from '../../app/concerns/types.js';
import { cardJson, execute, facts, heading, para, theirWords, type CardElement } from './adaptive.js';
import { CONCERN_VERBS } from './concernCards.js';

/** One concern with its whole chronology; a DSL also gets the triage buttons. */
export function concernDetailCard(concern: Concern, timeZone: string, forDsl: boolean): CardElement {
  const status = concernStatus(concern);
  const body: CardElement[] = [
    heading(`Concern ${concern.ref}`, concern.details.urgency === 'urgent' && status.open ? 'Attention' : undefined),
    facts([
      ['Status', status.open ? 'Open' : 'Closed'],
      ['Level', status.level ?? 'Not set yet'],
      [
        'Acknowledged',
        status.acknowledgements.length
          ? status.acknowledgements.map((a) => `${a.by.name}, ${formatInZone(a.at, timeZone)}`).join('; ')
          : 'Not yet',
      ],
    ]),
  ];
  for (const line of chronologyLines(concern.entries, timeZone)) {
    body.push({
      type: 'TextBlock',
      text: `${line.number}. ${line.what}: ${line.when}`,
      weight: 'Bolder',
      wrap: true,
      separator: true,
    });
    body.push(theirWords(line.who, 'By'));
    for (const field of line.fields) body.push(theirWords(field.value, field.label));
  }
  const actions =
    forDsl && status.open ? [execute("I'm dealing with it", CONCERN_VERBS.acknowledge, { ref: concern.ref })] : [];
  if (forDsl && status.open)
    body.push(
      para(
        `Triage: "level ${concern.ref} <level>", "action ${concern.ref} <note>", "close ${concern.ref} <outcome>", "export ${concern.ref} csv".`,
        { subtle: true },
      ),
    );
  return cardJson(body, actions);
}

/** A page of concerns, newest first. */
export function concernListCard(
  concerns: Concern[],
  options: { title: string; timeZone: string; next?: string; empty: string },
): CardElement {
  const body: CardElement[] = [heading(options.title)];
  if (!concerns.length) body.push(para(options.empty));
  for (const concern of concerns) {
    const status = concernStatus(concern);
    const flags = [
      concern.details.urgency === 'urgent' ? 'URGENT' : '',
      status.open ? (status.acknowledgements.length ? 'acknowledged' : 'not yet acknowledged') : 'closed',
      status.level ?? '',
    ]
      .filter(Boolean)
      .join(', ');
    body.push({
      type: 'TextBlock',
      text: `${concern.ref}: ${CATEGORY_LABELS[concern.details.category]}`,
      weight: 'Bolder',
      wrap: true,
      separator: true,
    });
    body.push(para(`${formatInZone(concern.raisedAt, options.timeZone)} (${flags})`, { subtle: true }));
    body.push(theirWords(concern.reporter.name, 'Reported by'));
    body.push(theirWords(lessonWords(concern.details.lesson, options.timeZone), 'Lesson'));
  }
  if (options.next) body.push(para(`More: type "concerns ${options.next}" for the next page.`, { subtle: true }));
  return cardJson(body);
}
