/**
 * A fake of the lesson card port for routine tests: each queued card is handed to `sendToStaff`
 * as (tenantId, recipient, { title, lines }, card), so a test reads who got what and why.
 */
import type { LessonCard, LessonCards } from '../../bot/src/app/delivery/lessonCards.js';
import type { MeetingKey } from '../../bot/src/app/ports.js';

/** Lesson cards recorded through `sendToStaff`. */
export function cardsTo(
  sendToStaff: (tenantId: string, to: string, card: { title: string; lines: string[] }, queued: LessonCard) => unknown,
): LessonCards {
  return {
    async queue(key: MeetingKey, card: LessonCard) {
      await sendToStaff(key.tenantId, card.to, { title: card.title, lines: card.lines }, card);
    },
  };
}
