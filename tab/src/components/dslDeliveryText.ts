import type { StatusView } from '../api/client.js';
import { timeOfDay } from './format.js';

type DslDelivery = NonNullable<StatusView['findings'][number]['dsl']>;

/**
 * What the teacher is told about the DSL's copy of an alert: only what Teams confirmed. While it
 * is not confirmed, the next step is to phone the DSL.
 */
export function dslDeliveryText(dsl: DslDelivery | undefined, timeZone: string): { text: string; confirmed: boolean } | undefined {
  if (!dsl) return undefined;
  if (dsl.state === 'sent') return { text: `Sent to the DSL at ${timeOfDay(dsl.sentAt, timeZone)}.`, confirmed: true };
  if (dsl.state === 'waiting') return { text: 'Not delivered to the DSL yet: Teams is not answering. Phone the DSL now.', confirmed: false };
  return { text: 'Chaperone could not deliver this to the DSL. Phone the DSL now.', confirmed: false };
}
