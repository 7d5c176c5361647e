/**
 * The side panel's status answers, kept by lesson and tag. A status is built from what its tag covers
 * (the stored version, what is held in memory during an outage, the policy and the minute: statusTag.ts),
 * so every poll with the same tag gets the same answer: a 304 when the panel still has it, and this
 * body when it does not (a panel opened again, a second member of staff). Keeping the body means such
 * a poll costs no view building and no serialising. The key holds the tenant and lesson as well as the
 * tag, because storage ETags are write times and two lessons written at one instant may share one.
 */
import { LRUCache } from 'lru-cache';
import type { MeetingKey } from '../../app/ports.js';

/** Answers kept: one per live lesson is enough; a lesson's older tags age out. */
const KEPT = 1_000;

/** Serialised status answers by lesson and tag. */
export class StatusBodies {
  private readonly bodies = new LRUCache<string, string>({ max: KEPT });

  /** The JSON answer for `key` at `tag`: the one built before for that tag, or `build()`'s, kept. */
  body(key: MeetingKey, tag: string, build: () => unknown): string {
    const id = `${key.tenantId}\n${key.meetingId}\n${tag}`;
    let body = this.bodies.get(id);
    if (body === undefined) {
      body = JSON.stringify(build());
      this.bodies.set(id, body);
    }
    return body;
  }
}
