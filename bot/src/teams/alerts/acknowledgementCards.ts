/**
 * "I'm dealing with it" on a critical alert: the verb and data the button carries, and the card
 * that replaces the pressed one, saying who has the alert now.
 */
import type { AcknowledgeInput, AcknowledgeOutcome } from '../../app/delivery/acknowledgeAlert.js';
import { formatInZone } from '../../app/time.js';
import { cardJson, execute, heading, para, type CardElement } from '../cards/adaptive.js';

/** The Action.Execute verb of the button. */
export const ACKNOWLEDGE_ALERT = 'alert.ack';

/** The button, for the alert a card carries. */
export function acknowledgeButton(input: AcknowledgeInput): CardElement {
  return execute("I'm dealing with it", ACKNOWLEDGE_ALERT, { ...input }, 'positive');
}

/** The alert a pressed button names, or undefined when its data is not one (an old or forged card). */
export function acknowledgeInputFrom(data: Record<string, unknown>): AcknowledgeInput | undefined {
  const { meetingId, findingKey, raisedAt } = data;
  if (
    typeof meetingId !== 'string' ||
    !meetingId ||
    typeof findingKey !== 'string' ||
    !findingKey ||
    typeof raisedAt !== 'number' ||
    !Number.isFinite(raisedAt)
  )
    return undefined;
  return { meetingId, findingKey, raisedAt };
}

/** The card that replaces the pressed one. */
export function acknowledgementCard(outcome: AcknowledgeOutcome, timeZone: string): CardElement {
  switch (outcome.outcome) {
    case 'taken':
      return cardJson([
        heading(`You are dealing with this alert in "${outcome.title}"`, 'Good'),
        para(
          `Recorded at ${formatInZone(outcome.at, timeZone)}. Nobody else will be asked to take it, and Chaperone is letting the others who got it know that you have it.`,
        ),
      ]);
    case 'alreadyTaken':
      return cardJson([
        heading(`${outcome.name} is already dealing with this alert in "${outcome.title}"`),
        para(`They took it at ${formatInZone(outcome.at, timeZone)}. Contact them if you think they need help.`),
      ]);
    case 'over':
      return cardJson([
        para('This alert is over: the lesson no longer has this problem. Open the lesson record to see what happened.'),
      ]);
    case 'refused':
      return cardJson([
        para(
          'Only the safeguarding leads and senior leaders can take a safeguarding alert. If a child may be at risk, tell your DSL now.',
        ),
      ]);
  }
}
