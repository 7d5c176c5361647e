import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Delivery, DeliverySender, FindingMessage } from '../../bot/src/app/delivery/delivery.js';
import type { RecordedRequest, RunningFakeConnector } from '../support/fakeConnector.js';
import type { Lesson, Service } from './twoInstanceLessons.js';

/** The same sends as {@link sendKey} names them, for a delivery of the outbox: recipient, lesson, rule, phase. */
function deliveryKey(d: Delivery<FindingMessage>): string {
  const to =
    d.recipient.kind === 'person'
      ? `a:dev-1to1-${d.recipient.aadObjectId}`
      : `meeting:${[...d.recipient.teamsIds].sort().join(',')}`;
  return `${to}|${d.message.meeting.key.meetingId}|${d.message.finding.ruleId}|${d.message.phase}`;
}

/** What one request the connector accepted (2xx) delivered, read from the wire; undefined for other requests. */
function sendKey(request: RecordedRequest, lessons: Lesson[], ruleOfText: Map<string, string>): string | undefined {
  if (request.method !== 'POST' || !request.status || request.status >= 300) return undefined;
  const notification = /^\/v1\/meetings\/([^/]+)\/notification$/.exec(request.decodedPath);
  if (notification) {
    const { value } = request.body as {
      value: { recipients: string[]; surfaces: Array<{ content: { value: { url: string } } }> };
    };
    const url = new URL(value.surfaces[0]!.content.value.url);
    return `meeting:${[...value.recipients].sort().join(',')}|${notification[1]}|${url.searchParams.get('rule')}|${url.searchParams.get('phase')}`;
  }
  const chat = /^\/v3\/conversations\/(a:dev-1to1-[^/]+)\/activities(?:\/[^/]+)?$/.exec(request.decodedPath)?.[1];
  if (!chat) return undefined;
  // A DSL's card links to the lesson's alert page; the organizer's card is a title the lesson's rule wrote.
  const link = /meetingId=([^&"]+)&rule=([^&"]+)&phase=([a-z]+)/.exec(JSON.stringify(request.body));
  if (link) return `${chat}|${decodeURIComponent(link[1]!)}|${link[2]}|${link[3]}`;
  const text = (request.body as { text?: string }).text ?? '';
  const phase = text.startsWith('Ended: ') ? 'cleared' : 'raised';
  return `${chat}|${lessons.find((l) => chat.endsWith(l.organizer.aadObjectId))?.key.meetingId}|${ruleOfText.get(text.replace(/^Ended: /, ''))}|${phase}`;
}

/** How many times the connector accepted each send. */
export function acceptedSends(
  connector: RunningFakeConnector,
  lessons: Lesson[],
  deliveries: Delivery<FindingMessage>[],
): Map<string, number> {
  const ruleOfText = new Map(deliveries.map((d) => [d.message.finding.message, d.message.finding.ruleId]));
  const counts = new Map<string, number>();
  for (const request of connector.requests) {
    const key = sendKey(request, lessons, ruleOfText);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Watches an instance's delivery sender (the port its delivery worker calls): which deliveries it tried, and which it
 * sent.
 */
export function watchSender(service: Service) {
  const send = sinon.spy(service.core.teams.sender as DeliverySender, 'send');
  const outcome = (call: (typeof send)['firstCall']) =>
    call.returnValue
      .then(
        () => true,
        () => false,
      )
      .then((ok) => ({ id: call.args[1].id, ok }));
  const settled = async () => Promise.all(send.getCalls().map(outcome));
  return {
    tried: () => send.getCalls().map((call) => call.args[1].id),
    sent: async () => (await settled()).filter((s) => s.ok).map((s) => s.id),
    settled,
    forget: () => send.resetHistory(),
  };
}

/**
 * Every delivery sent exactly once: on the wire, by the senders of the two instances, with the activity id Teams gave
 * it.
 */
export async function assertEachSentOnce(
  connector: RunningFakeConnector,
  lessons: Lesson[],
  deliveries: Delivery<FindingMessage>[],
  senders: Array<ReturnType<typeof watchSender>>,
) {
  const states = deliveries.reduce<Record<string, number>>((n, d) => ({ ...n, [d.state]: (n[d.state] ?? 0) + 1 }), {});
  assert.deepEqual(states, { sent: deliveries.length }, 'nothing left pending, failed or withdrawn');
  const accepted = acceptedSends(connector, lessons, deliveries);
  const duplicates = [...accepted].filter(([, n]) => n > 1);
  assert.deepEqual(duplicates, [], 'no message accepted twice by Teams');
  assert.deepEqual(
    [...accepted.keys()].sort(),
    deliveries.map(deliveryKey).sort(),
    'Teams accepted exactly the messages the outbox holds',
  );
  // Ids are unique within a lesson's outbox; the lessons' 1:1 cards (checklist reminders) are left out here.
  const ids = new Set(deliveries.map((d) => d.id));
  const sentBy = (await Promise.all(senders.map((s) => s.sent())))
    .flat()
    .filter((id) => ids.has(id))
    .sort();
  assert.deepEqual(sentBy, deliveries.map((d) => d.id).sort(), 'each delivery sent by one instance, once');
  const answered = new Map(
    connector.requests.filter((r) => r.activityId && r.status === 201).map((r) => [r.activityId!, r]),
  );
  for (const d of deliveries.filter((x) => x.recipient.kind === 'person')) {
    const request = answered.get(d.activityId ?? '');
    assert.ok(request, `delivery ${d.id} keeps the id of an activity Teams created`);
    assert.equal(
      sendKey(request, lessons, new Map([[d.message.finding.message, d.message.finding.ruleId]])),
      deliveryKey(d),
    );
  }
}
