/**
 * What `/healthz` reports: storage (degraded while it cannot be reached and events wait on local disk) and delivery
 * (degraded
 * while a critical message has failed, or waited more than two minutes, in a lesson this instance
 * holds in memory) and staff detection (degraded while the Entra staff group cannot be asked) and
 * meeting settings (degraded while Graph refuses or fails to read lesson meeting options; off is
 * the school's choice and is not degraded).
 */
import type { SchoolDirectory } from '../app/directory/schoolDirectory.js';
import type { MeetingControlHealth } from '../app/meetingControl/meetingControlHealth.js';
import type { LessonPipeline } from './lessonPipeline.js';

/** A critical message pending longer than this makes the service degraded. */
export const CRITICAL_PENDING_LIMIT_MS = 2 * 60_000;

/** The health document. */
export function healthOf(
  lessons: Pick<LessonPipeline, 'buffer' | 'cache'>,
  concerns: { readonly size: number },
  directory: Pick<SchoolDirectory, 'health'>,
  meetingControl: Pick<MeetingControlHealth, 'health'>,
  now: number,
): { status: 'ok' | 'degraded'; checks: Record<string, string> } {
  const held = `${lessons.buffer.size} events and ${concerns.size} concerns held (on local disk) until it is back`;
  const storage = lessons.buffer.degraded || concerns.size ? `unavailable; ${held}` : 'ok';
  const stuck = lessons.cache.criticalDeliveryProblems(now - CRITICAL_PENDING_LIMIT_MS);
  const delivery =
    stuck.failed || stuck.late
      ? `${stuck.failed} critical messages not delivered, ${stuck.late} waiting over 2 minutes`
      : 'ok';
  const { staffDetection } = directory.health();
  const { meetingSettings, degraded } = meetingControl.health();
  const healthy = [storage, delivery, staffDetection].every((c) => c === 'ok') && !degraded;
  return { status: healthy ? 'ok' : 'degraded', checks: { storage, delivery, staffDetection, meetingSettings } };
}
