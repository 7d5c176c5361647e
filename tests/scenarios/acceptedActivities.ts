import type { RunningFakeConnector } from '../support/fakeConnector.js';

/** Activities the connector accepted (2xx) whose preview text matches `text`. */
export function accepted(connector: RunningFakeConnector, text: RegExp): number {
  return connector.requests.filter(
    (r) =>
      r.method === 'POST' &&
      /\/activities(\/[^/]+)?$/.test(r.path) &&
      (r.status ?? 0) < 300 &&
      text.test(String((r.body as { text?: string } | undefined)?.text)),
  ).length;
}
