import { hash } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { MeetingRecord } from '../../app/ports.js';
import { eventsApplied } from '../../domain/appliedEvents.js';
import type { Policy } from '../../domain/policy/schema.js';

// Policies are long-lived objects (one per tenant), so each is serialised and hashed once, not per poll.
const policyPrints = new WeakMap<Policy, string>();

function fingerprint(policy: Policy): string {
  let print = policyPrints.get(policy);
  if (print === undefined) {
    print = hash('sha256', JSON.stringify(policy), 'base64url');
    policyPrints.set(policy, print);
  }
  return print;
}

// A poller asks about the same lesson version many times a minute; each version's tag is worked out once per minute
// and policy. Lesson versions are never changed in place (a change is a new record), so the record object is the key.
const tagsByVersion = new WeakMap<object, { policy: Policy; minute: number; tag: string }>();

/**
 * The ETag of a lesson's status, known before the view is built: the stored snapshot's tag, the
 * policy, and the minute (timers and countdowns move with the clock even when nothing is stored).
 * While storage is down the snapshot's tag stays put as events (an acknowledgement, say) and
 * delivery results are held in memory, so the count of applied events and each delivery's state
 * are in the tag too.
 */
export function statusTag(
  record: Pick<MeetingRecord, 'etag' | 'state' | 'deliveries'>,
  policy: Policy,
  now: number,
): string {
  const minute = Math.floor(now / 60_000);
  const known = tagsByVersion.get(record);
  if (known && known.policy === policy && known.minute === minute) return known.tag;
  const deliveries = (record.deliveries ?? []).map((d) => d.state[0]).join('');
  const parts = [record.etag, eventsApplied(record.state), deliveries, fingerprint(policy), minute];
  const tag = `"${hash('sha256', parts.join('|'), 'base64url').slice(0, 27)}"`;
  tagsByVersion.set(record, { policy, minute, tag });
  return tag;
}

/** Whether an `If-None-Match` header names `etag` (one tag, a list, weak tags, or `*`). */
export function matchesTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch === etag) return true;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * Sets the ETag (and `private, no-cache`) on a poll's answer and, when the poller already has that
 * version, answers 304 at once; true when it did, so the caller builds nothing.
 */
export function answeredNotModified(req: Request, res: Response, etag: string): boolean {
  res.setHeader('cache-control', 'private, no-cache');
  res.setHeader('etag', etag);
  if (!matchesTag(req.header('if-none-match'), etag)) return false;
  res.status(304);
  res.end();
  return true;
}
