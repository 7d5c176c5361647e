import { staffPresent } from '../domain/presence.js';
import type { Finding, MeetingState } from '../domain/types.js';
import type { AlertMessage, Clock, Logger, MeetingAddress, MeetingKey, Notifier, ParticipantDirectory } from './ports.js';

/** Dependencies of {@link createAlertDelivery}. */
export interface AlertDeliveryDeps {
  notifier: Notifier;
  directory: ParticipantDirectory;
  clock: Clock;
  logger: Logger;
}

/** Sends the findings that started or cleared to the people each one names; never to pupils. */
export type DeliverAlerts = (key: MeetingKey, state: MeetingState, started: Finding[], cleared: Finding[]) => Promise<void>;

/**
 * Builds alert delivery. Staff in the meeting get a targeted in-meeting notification (only they
 * see it); the organizer, if not in the meeting, a 1:1 card; DSLs a content-light 1:1 card. A
 * failed send is logged once and does not stop the others.
 */
export function createAlertDelivery(deps: AlertDeliveryDeps): DeliverAlerts {
  return async (key, state, started, cleared) => {
    const sends: Array<Promise<void>> = [];
    for (const [phase, findings] of [['raised', started], ['cleared', cleared]] as const) {
      for (const finding of findings) sends.push(...deliverOne(deps, key, state, finding, phase));
    }
    await Promise.all(sends);
  };
}

function deliverOne(deps: AlertDeliveryDeps, key: MeetingKey, state: MeetingState, finding: Finding, phase: AlertMessage['phase']): Array<Promise<void>> {
  const meeting: MeetingAddress = {
    key,
    serviceUrl: state.address?.serviceUrl ?? '',
    conversationId: state.address?.conversationId ?? '',
    title: state.title || 'Lesson',
  };
  const alert: AlertMessage = { meeting, finding, phase, at: deps.clock.now() };
  const staffHere = staffPresent(state);
  const sends: Array<Promise<void>> = [];
  const guard = (what: string, send: () => Promise<void>): Promise<void> =>
    send().catch((error: unknown) => deps.logger.error({ ruleId: finding.ruleId, what, err: error instanceof Error ? error.message : String(error) }, 'alert not delivered'));

  if (finding.audience.includes('staffPresent') && staffHere.length > 0 && state.address) {
    sends.push(guard('staffInMeeting', () => deps.notifier.alertStaffInMeeting(alert, staffHere.map((p) => p.teamsId))));
  }
  const organizer = state.organizerId;
  const organizerHere = staffHere.some((p) => p.id === organizer);
  if (finding.audience.includes('organizer') && organizer && !organizerHere) {
    sends.push(guard('organizer', () => deps.notifier.sendToStaff(key.tenantId, organizer, { title: phase === 'raised' ? finding.message : `Resolved: ${finding.message}`, lines: [finding.action] })));
  }
  if (finding.audience.includes('dsl')) {
    sends.push(guard('dsl', async () => deps.notifier.alertDsl(alert, await deps.directory.listDsls(key.tenantId))));
  }
  return sends;
}
