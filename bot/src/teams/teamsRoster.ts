import { TeamsInfo, type CloudAdapter } from 'botbuilder';
import type { Logger, MeetingAddress, RosterSource } from '../app/ports.js';
import { meetingReference } from './notifier.js';

/** Teams answers participant lookups only for meetings under this size. */
const MAX_LOOKUPS = 350;

/**
 * Asks Teams, person by person, who is in the meeting now (`getMeetingParticipant`), a few at a
 * time so a large class does not trip the connector's rate limits.
 */
export class TeamsRoster implements RosterSource {
  constructor(private readonly options: { adapter: CloudAdapter; botAppId: string; logger: Logger; concurrency?: number }) {}

  /** Presence per person id, or undefined when Teams could not answer at all. */
  async inMeeting(meeting: MeetingAddress, people: Array<{ id: string; teamsId: string }>): Promise<Map<string, boolean> | undefined> {
    if (people.length === 0 || people.length > MAX_LOOKUPS) return undefined;
    const answers = new Map<string, boolean>();
    let failures = 0;
    await this.options.adapter.continueConversationAsync(this.options.botAppId, meetingReference(meeting, this.options.botAppId), async (context) => {
      const queue = [...people];
      const worker = async (): Promise<void> => {
        for (let person = queue.shift(); person; person = queue.shift()) {
          try {
            const participant = await TeamsInfo.getMeetingParticipant(context, meeting.key.meetingId, person.teamsId, meeting.key.tenantId);
            const inMeeting = (participant.meeting as { inMeeting?: boolean } | undefined)?.inMeeting;
            if (typeof inMeeting === 'boolean') answers.set(person.id, inMeeting);
          } catch {
            failures++;
          }
        }
      };
      await Promise.all(Array.from({ length: this.options.concurrency ?? 4 }, worker));
    });
    if (failures) this.options.logger.warn({ failures, asked: people.length }, 'some roster lookups failed');
    return answers.size ? answers : undefined;
  }
}
