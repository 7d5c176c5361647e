import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { KeyedQueue } from '../../../bot/src/app/lesson/keyedQueue.js';

describe('app/lesson/KeyedQueue', () => {
  it('never runs two tasks of one key at once, keeps their order, and forgets idle keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat(3)), { minLength: 1, maxLength: 30 }),
        async (tasks) => {
          const queue = new KeyedQueue();
          const running = new Map<string, number>();
          const order = new Map<string, number[]>();
          await Promise.all(
            tasks.map(([key, delay], i) =>
              queue.run(key, async () => {
                running.set(key, (running.get(key) ?? 0) + 1);
                assert.equal(running.get(key), 1, `two tasks of ${key} at once`);
                await new Promise((r) => setTimeout(r, delay));
                order.set(key, [...(order.get(key) ?? []), i]);
                running.set(key, running.get(key)! - 1);
              }),
            ),
          );
          for (const [key, seen] of order)
            assert.deepEqual(
              seen,
              tasks.map(([k], i) => (k === key ? i : -1)).filter((i) => i >= 0),
            );
          await new Promise((r) => setImmediate(r));
          assert.equal(queue.size, 0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a failing task does not block the next one of the same key', async () => {
    const queue = new KeyedQueue();
    await assert.rejects(
      queue.run('k', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await queue.run('k', async () => 42), 42);
  });
});
