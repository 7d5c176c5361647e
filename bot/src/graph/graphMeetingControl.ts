/**
 * The MeetingControl port on Microsoft Graph `onlineMeeting` (v1.0), app-only: every call acts
 * through the organizer (`/users/{organizerId}/...`), which needs an application access policy.
 */
import { z } from 'zod';
import {
  GraphRequestError,
  type AttendanceRecord,
  type GraphRequirement,
  type MeetingControl,
  type MeetingSettings,
  type MeetingSettingsPatch,
} from '../app/meetingControl/ports.js';
import type { GraphClient } from './graphClient.js';
import {
  attendanceReportSchema,
  onlineMeetingSchema,
  parseGraph,
  toAttendanceRecords,
  toMeetingSettings,
} from './onlineMeetingSchema.js';

/** Teams PowerShell that lets the app act on teachers' meetings; the app id is filled in when known. */
export function accessPolicySteps(appId = '<Chaperone app id>'): string[] {
  return [
    `in Teams PowerShell run New-CsApplicationAccessPolicy -Identity Chaperone-Lessons -AppIds "${appId}" -Description "Chaperone lesson safety",`,
    'then Grant-CsApplicationAccessPolicy -PolicyName Chaperone-Lessons -Global (or -Identity <teacher object id> per teacher); the policy can take up to 30 minutes to apply.',
  ];
}

/** Reading and changing meeting options. */
export function meetingSettingsRequirement(appId?: string): GraphRequirement {
  return { permission: 'OnlineMeetings.ReadWrite.All', adminSteps: accessPolicySteps(appId) };
}

/** Reading attendance reports (online meeting artifacts). */
export function attendanceRequirement(appId?: string): GraphRequirement {
  return { permission: 'OnlineMeetingArtifact.Read.All', adminSteps: accessPolicySteps(appId) };
}

const reportListSchema = z.object({
  id: z.string(),
  meetingStartDateTime: z.string().nullish(),
  meetingEndDateTime: z.string().nullish(),
});

/** Options for {@link GraphMeetingControl}. */
export interface GraphMeetingControlOptions {
  /** The app registration's client id, quoted in the admin's PowerShell steps. */
  appId?: string;
}

/** MeetingControl backed by Graph. */
export class GraphMeetingControl implements MeetingControl {
  private readonly settingsNeed: GraphRequirement;
  private readonly attendanceNeed: GraphRequirement;

  constructor(
    private readonly graph: GraphClient,
    options: GraphMeetingControlOptions = {},
  ) {
    this.settingsNeed = meetingSettingsRequirement(options.appId);
    this.attendanceNeed = attendanceRequirement(options.appId);
  }

  async findMeeting(organizerId: string, joinUrl: string): Promise<MeetingSettings | undefined> {
    // The join URL is itself percent-encoded; Graph wants the whole filter encoded once more.
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
    try {
      const meetings = await this.graph.getAll<unknown>(
        `${userMeetings(organizerId)}?$filter=${filter}`,
        this.settingsNeed,
        1,
      );
      const first = meetings[0];
      return first === undefined ? undefined : toMeetingSettings(parseGraph(onlineMeetingSchema, first), organizerId);
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  async updateSettings(meeting: MeetingSettings, patch: MeetingSettingsPatch): Promise<MeetingSettings> {
    const { body } = await this.graph.send<unknown>({
      method: 'PATCH',
      path: `${userMeetings(meeting.organizerId)}/${encodeURIComponent(meeting.id)}`,
      body: toGraphPatch(meeting, patch),
      requires: this.settingsNeed,
    });
    return body === undefined
      ? applyLocally(meeting, patch)
      : toMeetingSettings(parseGraph(onlineMeetingSchema, body), meeting.organizerId);
  }

  async attendanceRecords(
    meeting: Pick<MeetingSettings, 'id' | 'organizerId'>,
    window?: { from: number; to: number },
  ): Promise<AttendanceRecord[]> {
    const reportsPath = `${userMeetings(meeting.organizerId)}/${encodeURIComponent(meeting.id)}/attendanceReports`;
    const reports = (await this.graph.getAll<unknown>(reportsPath, this.attendanceNeed)).map((r) =>
      parseGraph(reportListSchema, r),
    );
    const wanted = reports.filter((r) => !window || overlaps(r, window));
    const records: AttendanceRecord[] = [];
    for (const report of wanted) {
      const { body } = await this.graph.send<unknown>({
        method: 'GET',
        path: `${reportsPath}/${encodeURIComponent(report.id)}?$expand=attendanceRecords`,
        requires: this.attendanceNeed,
      });
      records.push(...toAttendanceRecords(parseGraph(attendanceReportSchema, body ?? {})));
    }
    return records;
  }
}

function userMeetings(organizerId: string): string {
  return `/users/${encodeURIComponent(organizerId)}/onlineMeetings`;
}

function toGraphPatch(meeting: MeetingSettings, patch: MeetingSettingsPatch): Record<string, unknown> {
  return {
    ...(patch.lobby
      ? { lobbyBypassSettings: { scope: patch.lobby.scope, isDialInBypassEnabled: patch.lobby.dialInBypass } }
      : {}),
    ...(patch.allowedPresenters ? { allowedPresenters: patch.allowedPresenters } : {}),
    // Graph needs the full attendee list, with their roles, when presenters become "specific people".
    ...(patch.allowedPresenters === 'roleIsPresenter'
      ? {
          participants: {
            attendees: meeting.attendees.map((a) => ({
              identity: { user: { id: a.aadObjectId } },
              upn: a.upn,
              role: a.role ?? 'attendee',
            })),
          },
        }
      : {}),
    ...(patch.attendeeMicAllowed === undefined ? {} : { allowAttendeeToEnableMic: patch.attendeeMicAllowed }),
    ...(patch.attendeeCameraAllowed === undefined ? {} : { allowAttendeeToEnableCamera: patch.attendeeCameraAllowed }),
  };
}

function applyLocally(meeting: MeetingSettings, patch: MeetingSettingsPatch): MeetingSettings {
  return {
    ...meeting,
    ...(patch.lobby ? { lobbyScope: patch.lobby.scope, dialInBypass: patch.lobby.dialInBypass } : {}),
    ...(patch.allowedPresenters ? { allowedPresenters: patch.allowedPresenters } : {}),
    ...(patch.attendeeMicAllowed === undefined ? {} : { attendeeMicAllowed: patch.attendeeMicAllowed }),
    ...(patch.attendeeCameraAllowed === undefined ? {} : { attendeeCameraAllowed: patch.attendeeCameraAllowed }),
  };
}

function overlaps(report: z.infer<typeof reportListSchema>, window: { from: number; to: number }): boolean {
  const start = report.meetingStartDateTime ? Date.parse(report.meetingStartDateTime) : Number.NaN;
  const end = report.meetingEndDateTime ? Date.parse(report.meetingEndDateTime) : Number.NaN;
  // A report whose times are missing cannot be placed, so it is kept rather than silently lost.
  if (Number.isNaN(start) || Number.isNaN(end)) return true;
  return start <= window.to && end >= window.from;
}
