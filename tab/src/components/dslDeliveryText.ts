import type { StatusView } from '../api/client.js';
import { timeOfDay } from './format.js';

type FindingView = StatusView['findings'][number];

/** "Phone the DSL now", with the school's number when it gave one. */
export function phoneTheDsl(phone: string | undefined): string {
  return phone ? `Phone the DSL now: ${phone}` : 'Phone the DSL now.';
}

/**
 * What the teacher is told about who has an alert: only what Teams confirmed. Once someone pressed
 * "I'm dealing with it", their name and the time; before that, whether the DSL's copy was
 * delivered; while it is not, the next step is to phone the DSL (on the school's number if set).
 */
export function dslDeliveryText(
  finding: Pick<FindingView, 'dsl' | 'acknowledged'> | undefined,
  timeZone: string,
  phone?: string,
): { text: string; confirmed: boolean } | undefined {
  const { dsl, acknowledged } = finding ?? {};
  if (acknowledged)
    return {
      text: `${acknowledged.name} is dealing with it, ${timeOfDay(acknowledged.at, timeZone)}.`,
      confirmed: true,
    };
  if (!dsl) return undefined;
  if (dsl.state === 'sent') return { text: `Sent to the DSL at ${timeOfDay(dsl.sentAt, timeZone)}.`, confirmed: true };
  if (dsl.state === 'waiting')
    return { text: `Not delivered to the DSL yet: Teams is not answering. ${phoneTheDsl(phone)}`, confirmed: false };
  return { text: `Chaperone could not deliver this to the DSL. ${phoneTheDsl(phone)}`, confirmed: false };
}
