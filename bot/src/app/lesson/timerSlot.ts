/** Width of a timer slot: the sweep runs about this often anyway, so rounding up costs no promptness. */
export const TIMER_SLOT_MS = 5_000;

/**
 * The slot a re-evaluation is scheduled for: `dueAt` rounded up to the next slot boundary, so the
 * many near-identical deadlines of a busy lesson (a grace period restarting with each join) share
 * one timer row instead of writing one each. A fired timer re-evaluates with exact times.
 */
export function timerSlot(dueAt: number): number {
  return Math.ceil(dueAt / TIMER_SLOT_MS) * TIMER_SLOT_MS;
}
