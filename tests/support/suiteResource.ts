/**
 * A stand-in for a value a hook sets later (a server, a browser context): it forwards every read and write to what
 * `current` gives, with methods bound to it. Use it inside tests and hooks, once the value is there.
 */
export function standIn<T extends object>(current: () => T | undefined): T {
  const value = (): T => {
    const now = current();
    if (now === undefined) throw new Error('Use this inside a test or hook: it is set in a before hook.');
    return now;
  };
  return new Proxy({} as T, {
    get(_target, key) {
      const member: unknown = Reflect.get(value(), key);
      return typeof member === 'function' ? member.bind(value()) : member;
    },
    set: (_target, key, member) => Reflect.set(value(), key, member),
  });
}

/**
 * Starts something (a server, a harness) before the enclosing `describe`'s tests and closes it after them. What it
 * returns stands for the started thing (see {@link standIn}).
 */
export function suiteResource<T extends { close(): unknown }>(start: () => Promise<T>): T {
  let started: T | undefined;
  before(async () => {
    started = await start();
  });
  after(async () => {
    await started?.close();
  });
  return standIn(() => started);
}
