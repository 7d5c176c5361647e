import { TeamsInfo, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { SentActivity } from '../app/delivery/delivery.js';
import type { AlertMessage, Logger, MeetingAddress, Notifier } from '../app/ports.js';
import { codeOfConductActivity, dslAlertActivity, notificationTitle, staffCardActivity } from './alerts/alertCards.js';
import { lessonRecordLink } from './alerts/recordLink.js';
import { continueReporting } from './proactive.js';

/** Sends a 1:1 message to a user (implemented by `proactive.ts`). */
export interface UserMessenger {
  sendToUser(
    tenantId: string,
    aadObjectId: string,
    activity: Partial<Activity>,
    serviceUrlHint?: string,
  ): Promise<{ id?: string } | undefined>;
  updateForUser(
    tenantId: string,
    aadObjectId: string,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<{ id?: string } | undefined>;
}

/** Options for {@link TeamsNotifier}. */
export interface TeamsNotifierOptions {
  adapter: CloudAdapter;
  botAppId: string;
  users: UserMessenger;
  /** Public origin of the service, e.g. https://chaperone.school.example (alert page and record links). */
  publicOrigin: string;
  /**
   * The Teams app's id: the DSL card's "Open the lesson record" opens the record tab in Teams. Unset: the alert page.
   */
  teamsAppId?: string;
  /** The school's time zone for a tenant (times on cards). */
  timeZoneOf(tenantId: string): string;
  logger: Logger;
}

/** Teams allows at most 50 recipients per targeted meeting notification. */
const MAX_RECIPIENTS = 50;

/**
 * The Notifier port on Teams: targeted in-meeting notifications for staff (only the named
 * recipients see them), proactive 1:1 cards for DSLs and organizers, and the code-of-conduct card
 * as the only post in the meeting chat.
 */
export class TeamsNotifier implements Notifier {
  constructor(private readonly options: TeamsNotifierOptions) {}

  /** Targeted notification opening the alert page, in batches of 50 recipients. */
  async alertStaffInMeeting(alert: AlertMessage, recipientTeamsIds: string[]): Promise<void> {
    const url = this.alertPageUrl(alert);
    const title = notificationTitle(alert);
    for (let i = 0; i < recipientTeamsIds.length; i += MAX_RECIPIENTS) {
      const recipients = recipientTeamsIds.slice(i, i + MAX_RECIPIENTS);
      await this.inMeeting(alert.meeting, (context) =>
        TeamsInfo.sendMeetingNotification(
          context,
          {
            type: 'targetedMeetingNotification',
            value: {
              recipients,
              surfaces: [
                {
                  surface: 'meetingStage',
                  contentType: 'task',
                  content: { value: { height: 320, width: 420, title, url } },
                },
              ],
            },
          },
          alert.meeting.key.meetingId,
        ).then(() => undefined),
      );
    }
  }

  /** A content-light 1:1 card to one DSL (or deputy, or senior leader). */
  async alertDsl(alert: AlertMessage, aadObjectId: string): Promise<SentActivity> {
    const activity = dslAlertActivity(
      alert,
      this.recordUrl(alert),
      this.options.timeZoneOf(alert.meeting.key.tenantId),
    );
    // "Someone has it" replaces the alert card the person already has, as Teams shows an edited message.
    if (alert.replaces)
      return sent(
        await this.options.users.updateForUser(
          alert.meeting.key.tenantId,
          aadObjectId,
          alert.replaces,
          activity as Partial<Activity>,
        ),
      );
    // The lesson's connector serves the whole tenant: use it when no chat with this person is known yet.
    return sent(
      await this.options.users.sendToUser(
        alert.meeting.key.tenantId,
        aadObjectId,
        activity as Partial<Activity>,
        alert.meeting.serviceUrl || undefined,
      ),
    );
  }

  /** Posts the pupil-friendly expectations to the meeting chat. */
  async postCodeOfConduct(meeting: MeetingAddress, lines: string[]): Promise<void> {
    await this.inMeeting(meeting, async (context) => {
      await context.sendActivity(codeOfConductActivity(lines) as Partial<Activity>);
    });
  }

  /** A 1:1 card to one member of staff. */
  async sendToStaff(
    tenantId: string,
    aadObjectId: string,
    card: { title: string; lines: string[] },
  ): Promise<SentActivity> {
    return sent(
      await this.options.users.sendToUser(tenantId, aadObjectId, staffCardActivity(card) as Partial<Activity>),
    );
  }

  /**
   * The lesson record in Teams (a deep link to the app's record tab), or the alert page when the app id is not
   * configured.
   */
  private recordUrl(alert: AlertMessage): string {
    return this.options.teamsAppId
      ? lessonRecordLink(this.options.teamsAppId, alert.meeting.key.meetingId)
      : this.alertPageUrl(alert);
  }

  private alertPageUrl(alert: AlertMessage): string {
    // `rules`: every rule the notification is about (findings that started together), most serious first.
    const rules = [...new Set([alert.finding, ...(alert.also ?? [])].map((f) => f.ruleId))].join(',');
    const params = new URLSearchParams({
      context: 'alert',
      meetingId: alert.meeting.key.meetingId,
      rule: alert.finding.ruleId,
      phase: alert.phase,
      rules,
    });
    return `${this.options.publicOrigin}/tab/index.html?${params.toString()}`;
  }

  private inMeeting(meeting: MeetingAddress, logic: Parameters<typeof continueReporting>[3]): Promise<void> {
    return continueReporting(
      this.options.adapter,
      this.options.botAppId,
      meetingReference(meeting, this.options.botAppId),
      logic,
    );
  }
}

function sent(response: { id?: string } | undefined): SentActivity {
  return response?.id ? { activityId: response.id } : {};
}

/** A conversation reference for a meeting chat, built from what the meeting events told us. */
export function meetingReference(meeting: MeetingAddress, botAppId: string): ConversationReference {
  return {
    channelId: 'msteams',
    serviceUrl: meeting.serviceUrl,
    conversation: {
      id: meeting.conversationId,
      isGroup: true,
      conversationType: 'groupChat',
      tenantId: meeting.key.tenantId,
      name: '',
    },
    bot: { id: botAppId ? `28:${botAppId}` : 'chaperone', name: 'Chaperone' },
  };
}
