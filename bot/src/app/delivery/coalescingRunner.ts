/**
 * Runs one task at a time per key, and folds every request that arrives while it runs into one
 * more run afterwards: a burst of "there is something to deliver" for one lesson costs two rounds,
 * not one per request, and a round never runs twice at once within an instance.
 */
export class CoalescingRunner {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  /** Runs `task` now, or once more after the run in progress; resolves when that run is over. */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const current = this.running.get(key);
    if (current) {
      current.again = true;
      return current.done;
    }
    const slot = { again: false, done: Promise.resolve() };
    slot.done = (async () => {
      try {
        do {
          slot.again = false;
          await task();
        } while (slot.again);
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, slot);
    return slot.done;
  }
}
