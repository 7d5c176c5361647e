/**
 * The delivery worker's sender on Teams: renders each owed message (targeted in-meeting alert for
 * staff present, content-light 1:1 card for DSLs, deputies and senior leaders, a short card for the
 * organizer away from the call, a lesson's 1:1 cards as written) and reports what the connector
 * said, classified.
 */
import { DeliveryFailure, type Delivery, type DeliverySender, type SentActivity } from '../app/delivery/delivery.js';
import type { AlertMessage } from '../app/ports.js';
import { connectorFailure } from './connectorErrors.js';
import type { TeamsNotifier } from './notifier.js';

/** Builds the sender over the Teams notifier. */
export function createTeamsDeliverySender(
  notifier: Pick<TeamsNotifier, 'alertStaffInMeeting' | 'alertDsl' | 'sendToStaff'>,
): DeliverySender {
  return {
    async send(tenantId, delivery) {
      try {
        return await sendOne(notifier, tenantId, delivery);
      } catch (error) {
        throw connectorFailure(error);
      }
    },
  };
}

async function sendOne(
  notifier: Pick<TeamsNotifier, 'alertStaffInMeeting' | 'alertDsl' | 'sendToStaff'>,
  tenantId: string,
  d: Delivery,
): Promise<SentActivity> {
  const { message, recipient } = d;
  if (message.kind === 'card') {
    if (recipient.kind !== 'person') throw new DeliveryFailure('A lesson card goes to one person.', false);
    return notifier.sendToStaff(tenantId, recipient.aadObjectId, { title: message.title, lines: message.lines });
  }
  const alert: AlertMessage = {
    meeting: message.meeting,
    finding: message.finding,
    phase: message.phase,
    at: message.raisedAt,
    ...(message.acknowledgedBy ? { acknowledgedBy: message.acknowledgedBy } : {}),
    ...(message.replaces ? { replaces: message.replaces } : {}),
    ...(message.also ? { also: message.also } : {}),
  };
  if (recipient.kind === 'staffInMeeting') {
    await notifier.alertStaffInMeeting(alert, recipient.teamsIds);
    return {};
  }
  if (recipient.role === 'organizer') {
    if (message.phase !== 'raised') {
      // Only a critical alert's end is pushed, and it is not "resolved": what happened is still to be followed up.
      const lines = ['This has ended. Check what happened with the DSL today; your lesson summary lists it too.'];
      return notifier.sendToStaff(tenantId, recipient.aadObjectId, {
        title: `Ended: ${message.finding.message}`,
        lines,
      });
    }
    const also = (message.also ?? []).map((f) => `Also: ${f.message} ${f.action}`);
    return notifier.sendToStaff(tenantId, recipient.aadObjectId, {
      title: message.finding.message,
      lines: [...new Set([message.finding.action, ...also])],
    });
  }
  return notifier.alertDsl(alert, recipient.aadObjectId);
}
