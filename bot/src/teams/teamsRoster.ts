import { type CloudAdapter, type TurnContext } from 'botbuilder';
import { TeamsConnectorClient, type ConnectorClient } from 'botframework-connector';
import type { Logger, MeetingAddress, RosterSource } from '../app/ports.js';
import { meetingReference } from './notifier.js';

/** Teams answers participant lookups only for meetings under this size. */
const MAX_LOOKUPS = 350;
/** How long one participant lookup may take, the SDK's own retries included. */
const DEFAULT_LOOKUP_TIMEOUT_MS = 3_000;

/** Options for {@link TeamsRoster}. */
export interface TeamsRosterOptions {
  adapter: CloudAdapter;
  /** The bot's app id; an empty string in local anonymous mode. */
  botAppId: string;
  logger: Logger;
  /** Lookups in flight at once (default 4). */
  concurrency?: number;
  /** Deadline of one lookup, retries included (default 3 s); one lookup past it ends the whole check. */
  lookupTimeoutMs?: number;
}

/**
 * Asks Teams, person by person, who is in the meeting now (`getMeetingParticipant`), a few at a
 * time so a large class does not trip the connector's rate limits. Each lookup has a short
 * deadline, because a check runs on the timer sweep: botbuilder sets no timeout of its own and
 * retries with back-off, so a connector that stops answering would hold the sweep for good. A
 * lookup past its deadline means Teams is not answering: the check stops and says so.
 */
export class TeamsRoster implements RosterSource {
  constructor(private readonly options: TeamsRosterOptions) {}

  /** Presence per person id, or undefined when Teams could not answer at all (or not in time). */
  async inMeeting(
    meeting: MeetingAddress,
    people: Array<{ id: string; teamsId: string }>,
  ): Promise<Map<string, boolean> | undefined> {
    if (people.length === 0 || people.length > MAX_LOOKUPS) return undefined;
    const timeoutMs = this.options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
    const answers = new Map<string, boolean>();
    const givenUp = new AbortController();
    let failures = 0;
    await this.options.adapter.continueConversationAsync(
      this.options.botAppId,
      meetingReference(meeting, this.options.botAppId),
      async (context) => {
        const teams = teamsClientOf(context);
        const queue = [...people];
        const worker = async (): Promise<void> => {
          for (let person = queue.shift(); person && !givenUp.signal.aborted; person = queue.shift()) {
            const deadline = AbortSignal.timeout(timeoutMs);
            try {
              const abortSignal = AbortSignal.any([deadline, givenUp.signal]);
              const participant = await teams.teams.fetchMeetingParticipant(meeting.key.meetingId, person.teamsId, {
                tenantId: meeting.key.tenantId,
                abortSignal,
              });
              const inMeeting = (participant.meeting as { inMeeting?: boolean } | undefined)?.inMeeting;
              if (typeof inMeeting === 'boolean') answers.set(person.id, inMeeting);
            } catch {
              // The lookups still in flight are stopped too: their answers could not make a whole roster.
              if (deadline.aborted) givenUp.abort();
              failures++;
            }
          }
        };
        await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, worker));
      },
    );
    if (givenUp.signal.aborted) {
      this.options.logger.warn(
        { asked: people.length, timeoutMs },
        'Teams did not answer a roster lookup in time; the check counts as unanswered',
      );
      return undefined;
    }
    if (failures) this.options.logger.warn({ failures, asked: people.length }, 'some roster lookups failed');
    return answers.size ? answers : undefined;
  }
}

/** The Teams API client for the turn's connector, with the turn's credentials (as `TeamsInfo` builds it). */
function teamsClientOf(context: TurnContext): TeamsConnectorClient {
  const connector = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  if (!connector) throw new Error('The turn has no connector client to ask Teams with.');
  return new TeamsConnectorClient(connector.credentials, { baseUri: context.activity.serviceUrl });
}
