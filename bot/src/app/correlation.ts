import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

/**
 * Ties every log line of one piece of work (a bot turn, a timer sweep) to one id without passing
 * it through every call: the logger reads it from the async context.
 */
export function withCorrelation<T>(id: string, work: () => T): T {
  return current.run(id, work);
}

/** The correlation id of the work in progress, if any. */
export function correlationId(): string | undefined {
  return current.getStore();
}
