/**
 * What `/healthz` reports: storage (degraded while events wait in memory) and delivery (degraded
 * while a critical message has failed, or waited more than two minutes, in a lesson this instance
 * holds in memory) and staff detection (degraded while the Entra staff group cannot be asked).
 */
import type { SchoolDirectory } from '../app/directory/schoolDirectory.js';
import type { LessonPipeline } from './lessonPipeline.js';

/** A critical message pending longer than this makes the service degraded. */
export const CRITICAL_PENDING_LIMIT_MS = 2 * 60_000;

/** The health document. */
export function healthOf(lessons: Pick<LessonPipeline, 'buffer' | 'cache'>, directory: Pick<SchoolDirectory, 'health'>, now: number): { status: 'ok' | 'degraded'; checks: Record<string, string> } {
  const storage = lessons.buffer.degraded ? `unavailable; ${lessons.buffer.size} events held in memory` : 'ok';
  const stuck = lessons.cache.criticalDeliveryProblems(now - CRITICAL_PENDING_LIMIT_MS);
  const delivery = stuck.failed || stuck.late ? `${stuck.failed} critical messages not delivered, ${stuck.late} waiting over 2 minutes` : 'ok';
  const { staffDetection } = directory.health();
  const checks = { storage, delivery, staffDetection };
  return { status: Object.values(checks).every((c) => c === 'ok') ? 'ok' : 'degraded', checks };
}
