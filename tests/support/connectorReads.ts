import type { RunningFakeConnector } from './fakeConnector.js';

/**
 * Targeted in-meeting notifications the bot sent, with their rule (every rule, when findings started together), phase
 * and recipients.
 */
export function notifications(connector: RunningFakeConnector) {
  return connector
    .requestsTo('/v1/meetings/')
    .filter((r) => r.method === 'POST')
    .map((r) => {
      const body = r.body as {
        value: { recipients: string[]; surfaces: Array<{ content: { value: { url: string } } }> };
      };
      const url = new URL(body.value.surfaces[0]!.content.value.url);
      return {
        rule: url.searchParams.get('rule'),
        rules: (url.searchParams.get('rules') ?? '').split(',').filter(Boolean),
        phase: url.searchParams.get('phase'),
        recipients: body.value.recipients,
      };
    });
}

/** Messages the bot posted into conversations (1:1 proactive and meeting chat), with their text. */
export function postedMessages(connector: RunningFakeConnector) {
  return connector.requests
    .filter((r) => r.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(r.decodedPath))
    .map((r) => ({
      conversation: r.decodedPath.split('/')[3]!,
      text: (r.body as { text?: string }).text ?? '',
      body: JSON.stringify(r.body),
    }));
}
