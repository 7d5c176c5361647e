/**
 * Runs tasks one at a time per key (and concurrently across keys). Within one instance, events
 * for the same lesson then never race each other for the snapshot's ETag: concurrency conflicts
 * remain only between instances, where the storage transaction settles them.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task with the same key has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests and health). */
  get size(): number {
    return this.tails.size;
  }
}
