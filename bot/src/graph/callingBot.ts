/**
 * Optional, off by default: a Graph calling bot that joins a lesson's meeting (service-hosted media,
 * no audio processing) and removes everyone who is not staff, for pupils left in a call with no adult.
 * Graph has no "end meeting for everyone"; removing participants one by one from inside the call is
 * the documented way. What it needs from the admin is in `bot/src/graph/README.md`.
 */
import { z } from 'zod';
import { GraphUnavailableError, type GraphRequirement, type MeetingSettings } from '../app/meetingControl/ports.js';
import type { Role } from '../domain/types.js';
import type { GraphClient } from './graphClient.js';
import { parseGraph } from './onlineMeetingSchema.js';

/** Settings for the calling path. */
export interface CallingBotOptions {
  /** The feature flag; nothing is built unless it is exactly true. */
  enabled?: boolean;
  /** HTTPS calling webhook registered on the Azure Bot's Teams channel; Graph posts call updates there. */
  callbackUri: string;
  /** The school's tenant (the meeting's). */
  tenantId: string;
  /** The app's client id, quoted in the admin's PowerShell step. */
  appId?: string;
  /** Checks for the call to be established before giving up. Default 15. */
  joinChecks?: number;
  /** Pause between those checks. Default 1 s. */
  joinCheckIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Someone in the call, as Graph lists them. */
export interface CallParticipant {
  /** The participant id in this call (what removal uses). */
  participantId: string;
  kind: 'user' | 'application' | 'phone' | 'other';
  aadObjectId?: string;
  tenantId?: string;
  isInLobby: boolean;
}

/** Who a participant is to the school (the ParticipantDirectory's answer). */
export type ClassifyCallParticipant = (participant: CallParticipant) => Promise<Role> | Role;

/** The outcome of a removal pass, by participant id. */
export interface RemovalResult {
  removed: string[];
  kept: string[];
  failed: string[];
}

const identity = z.object({ id: z.string().nullish(), tenantId: z.string().nullish() }).nullish();
const participantSchema = z.object({
  id: z.string(),
  isInLobby: z.boolean().nullish(),
  info: z.object({ identity: z.object({ user: identity, application: identity, phone: identity }).nullish() }).nullish(),
});
const callSchema = z.object({ id: z.string(), state: z.string().nullish() });

/** The calling bot, or undefined when the flag is off (the default). */
export function createCallingBot(graph: GraphClient, options: CallingBotOptions): CallingBot | undefined {
  return options.enabled === true ? new CallingBot(graph, options) : undefined;
}

/** Joins a lesson's call and removes non-staff participants. Build it with {@link createCallingBot}. */
export class CallingBot {
  private readonly need: GraphRequirement;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly graph: GraphClient, private readonly options: CallingBotOptions) {
    this.need = {
      permission: 'Calls.JoinGroupCall.All',
      adminSteps: [
        `turn on calling for the Azure Bot's Microsoft Teams channel with the webhook ${options.callbackUri},`,
        `then in Teams PowerShell run Set-CsApplicationMeetingConfiguration -AllowRemoveParticipantAppIds @{Add="${options.appId ?? '<Chaperone app id>'}"}.`,
      ],
    };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The whole pass: join, wait until in the call, remove non-staff, hang up the bot's own leg. */
  async removePupilsLeftAlone(meeting: Pick<MeetingSettings, 'organizerId' | 'chat'>, classify: ClassifyCallParticipant): Promise<RemovalResult> {
    const callId = await this.joinMeeting(meeting);
    try {
      await this.waitUntilEstablished(callId);
      return await this.removeNonStaff(callId, classify);
    } finally {
      await this.hangUp(callId).catch(() => undefined);
    }
  }

  /** POST /communications/calls joining the scheduled meeting by its chat thread and organizer. */
  async joinMeeting(meeting: Pick<MeetingSettings, 'organizerId' | 'chat'>): Promise<string> {
    if (!meeting.chat) throw new GraphUnavailableError('Teams gave no chat thread for this meeting, so the calling bot cannot join it.');
    const { tenantId } = this.options;
    const { body } = await this.graph.send<unknown>({
      method: 'POST',
      path: '/communications/calls',
      requires: this.need,
      body: {
        '@odata.type': '#microsoft.graph.call',
        callbackUri: this.options.callbackUri,
        requestedModalities: ['audio'],
        mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' },
        chatInfo: { '@odata.type': '#microsoft.graph.chatInfo', threadId: meeting.chat.threadId, messageId: meeting.chat.messageId },
        meetingInfo: {
          '@odata.type': '#microsoft.graph.organizerMeetingInfo',
          organizer: { '@odata.type': '#microsoft.graph.identitySet', user: { '@odata.type': '#microsoft.graph.identity', id: meeting.organizerId, tenantId } },
          // The organizer has usually left by the time pupils are alone.
          allowConversationWithoutHost: true,
        },
        tenantId,
      },
    });
    return parseGraph(callSchema, body).id;
  }

  /** Polls GET /communications/calls/{id} until `established`; throws if it ends or never gets there. */
  async waitUntilEstablished(callId: string): Promise<void> {
    const checks = this.options.joinChecks ?? 15;
    for (let check = 0; check < checks; check++) {
      const { body } = await this.graph.send<unknown>({ method: 'GET', path: callPath(callId), requires: this.need });
      const state = parseGraph(callSchema, body).state;
      if (state === 'established') return;
      if (state === 'terminating' || state === 'terminated') break;
      await this.sleep(this.options.joinCheckIntervalMs ?? 1000);
    }
    throw new GraphUnavailableError('The calling bot could not join the lesson\'s call.');
  }

  /** GET /communications/calls/{id}/participants. */
  async listParticipants(callId: string): Promise<CallParticipant[]> {
    const raw = await this.graph.getAll<unknown>(`${callPath(callId)}/participants`, this.need);
    return raw.map((p) => toParticipant(parseGraph(participantSchema, p)));
  }

  /**
   * Removes every participant the directory does not call staff (pupils, guests, unknown), each with
   * DELETE /communications/calls/{id}/participants/{participantId}. Applications (this bot, a
   * recorder) are left alone; a participant whose classification fails is kept, never guessed.
   */
  async removeNonStaff(callId: string, classify: ClassifyCallParticipant): Promise<RemovalResult> {
    const result: RemovalResult = { removed: [], kept: [], failed: [] };
    for (const participant of await this.listParticipants(callId)) {
      const role = participant.kind === 'application' ? 'staff' : await (async () => classify(participant))().catch(() => 'staff' as const);
      if (role === 'staff') {
        result.kept.push(participant.participantId);
        continue;
      }
      try {
        await this.graph.send({ method: 'DELETE', path: `${callPath(callId)}/participants/${encodeURIComponent(participant.participantId)}`, requires: this.need });
        result.removed.push(participant.participantId);
      } catch {
        result.failed.push(participant.participantId);
      }
    }
    return result;
  }

  /** DELETE /communications/calls/{id}: ends only the bot's own leg, never the meeting. */
  async hangUp(callId: string): Promise<void> {
    await this.graph.send({ method: 'DELETE', path: callPath(callId), requires: this.need });
  }
}

function callPath(callId: string): string {
  return `/communications/calls/${encodeURIComponent(callId)}`;
}

function toParticipant(p: z.infer<typeof participantSchema>): CallParticipant {
  const who = p.info?.identity;
  const [kind, id] = who?.user ? (['user', who.user] as const) : who?.application ? (['application', who.application] as const) : who?.phone ? (['phone', who.phone] as const) : (['other', undefined] as const);
  return {
    participantId: p.id,
    kind,
    ...(kind === 'user' && id?.id ? { aadObjectId: id.id } : {}),
    ...(id?.tenantId ? { tenantId: id.tenantId } : {}),
    isInLobby: p.isInLobby ?? false,
  };
}
