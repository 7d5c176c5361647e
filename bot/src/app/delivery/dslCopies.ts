/**
 * What the outbox says about the DSLs' copies of one raise of a finding: read by the side panel
 * (is the DSL told yet?) and by the end-of-lesson summary (was the DSL told at all?).
 */
import { findingDeliveries, findingsOf, type Delivery, type FindingMessage } from './delivery.js';

/**
 * The DSLs' copies of one raise, as Teams answered: `sent` once it took at least one (`reached` of
 * `of` DSLs, first at `sentAt`); `waiting` while copies are still being tried; `failed` when Teams
 * took none; `withdrawn` when the alert was over before any copy went; `none` when no copy was planned.
 */
export type DslCopies =
  | { state: 'sent'; sentAt: number; reached: number; of: number }
  | { state: 'waiting' | 'failed' | 'withdrawn' | 'none' };

/** Every message of one raise of a finding (to anyone). */
export function raiseCopies(
  deliveries: readonly Delivery[],
  findingKey: string,
  raisedAt: number,
): Delivery<FindingMessage>[] {
  return findingDeliveries(deliveries).filter(
    (d) =>
      d.message.phase === 'raised' &&
      d.message.raisedAt === raisedAt &&
      findingsOf(d.message).some((f) => f.key === findingKey),
  );
}

/** The DSLs' copies of one raise, summed up. */
export function dslCopies(deliveries: readonly Delivery[], findingKey: string, raisedAt: number): DslCopies {
  const copies = raiseCopies(deliveries, findingKey, raisedAt).filter(
    (d) => d.recipient.kind === 'person' && d.recipient.role === 'dsl',
  );
  if (!copies.length) return { state: 'none' };
  const sent = copies.filter((d) => d.state === 'sent');
  if (sent.length) {
    const of = copies.filter((d) => d.state !== 'withdrawn').length;
    return { state: 'sent', sentAt: Math.min(...sent.map((d) => d.sentAt ?? d.createdAt)), reached: sent.length, of };
  }
  if (copies.some((d) => d.state === 'pending')) return { state: 'waiting' };
  return { state: copies.some((d) => d.state === 'failed') ? 'failed' : 'withdrawn' };
}
