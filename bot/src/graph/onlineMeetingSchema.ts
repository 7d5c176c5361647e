/**
 * Graph `onlineMeeting` and `meetingAttendanceReport` payloads (v1.0), validated once here and turned
 * into the app's types. Only the fields Chaperone uses are kept; Graph sends `null` for many.
 */
import { z } from 'zod';
import { GraphUnavailableError, type AttendanceRecord, type MeetingSettings } from '../app/meetingControl/ports.js';

const identitySet = z.object({ user: z.object({ id: z.string().nullish() }).nullish() }).nullish();

/** The parts of `onlineMeeting` that matter for a lesson's safety. */
export const onlineMeetingSchema = z.object({
  id: z.string(),
  joinWebUrl: z.string().nullish(),
  creationDateTime: z.string().nullish(),
  startDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
  lobbyBypassSettings: z
    .object({ scope: z.string().nullish(), isDialInBypassEnabled: z.boolean().nullish() })
    .nullish(),
  allowedPresenters: z.string().nullish(),
  allowAttendeeToEnableMic: z.boolean().nullish(),
  allowAttendeeToEnableCamera: z.boolean().nullish(),
  allowMeetingChat: z.string().nullish(),
  recordAutomatically: z.boolean().nullish(),
  participants: z
    .object({
      organizer: z.object({ identity: identitySet }).nullish(),
      attendees: z
        .array(z.object({ identity: identitySet, upn: z.string().nullish(), role: z.string().nullish() }))
        .nullish(),
    })
    .nullish(),
});

/** A `meetingAttendanceReport` read with `$expand=attendanceRecords`. */
export const attendanceReportSchema = z.object({
  attendanceRecords: z
    .array(
      z.object({
        emailAddress: z.string().nullish(),
        role: z.string().nullish(),
        totalAttendanceInSeconds: z.number().nullish(),
        identity: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
        attendanceIntervals: z
          .array(
            z.object({
              joinDateTime: z.string().nullish(),
              leaveDateTime: z.string().nullish(),
              durationInSeconds: z.number().nullish(),
            }),
          )
          .nullish(),
      }),
    )
    .nullish(),
});

/** Validates a Graph payload; an unexpected shape counts as Graph misbehaving, not as a bug here. */
export function parseGraph<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new GraphUnavailableError('Microsoft Graph answered with an unexpected payload.');
  return result.data;
}

/** Maps a meeting; a missing setting reads as the open choice, so the policy check still acts on it. */
export function toMeetingSettings(meeting: z.infer<typeof onlineMeetingSchema>, organizerId: string): MeetingSettings {
  return {
    id: meeting.id,
    organizerId: meeting.participants?.organizer?.identity?.user?.id ?? organizerId,
    joinUrl: meeting.joinWebUrl ?? '',
    lobbyScope: meeting.lobbyBypassSettings?.scope ?? 'unknown',
    dialInBypass: meeting.lobbyBypassSettings?.isDialInBypassEnabled ?? false,
    allowedPresenters: meeting.allowedPresenters ?? 'unknown',
    attendeeMicAllowed: meeting.allowAttendeeToEnableMic ?? true,
    attendeeCameraAllowed: meeting.allowAttendeeToEnableCamera ?? true,
    ...(meeting.allowMeetingChat ? { meetingChat: meeting.allowMeetingChat } : {}),
    recordAutomatically: meeting.recordAutomatically ?? false,
    ...time('createdAt', meeting.creationDateTime),
    ...time('startAt', meeting.startDateTime),
    ...time('endAt', meeting.endDateTime),
    attendees: (meeting.participants?.attendees ?? []).map((a) => ({
      ...(a.identity?.user?.id ? { aadObjectId: a.identity.user.id } : {}),
      ...(a.upn ? { upn: a.upn } : {}),
      ...(a.role ? { role: a.role } : {}),
    })),
  };
}

/** Maps attendance records; an interval without a join time (Teams lacked data) is dropped. */
export function toAttendanceRecords(report: z.infer<typeof attendanceReportSchema>): AttendanceRecord[] {
  return (report.attendanceRecords ?? []).map((r) => ({
    ...(r.identity?.id ? { aadObjectId: r.identity.id } : {}),
    ...(r.emailAddress ? { email: r.emailAddress } : {}),
    ...(r.identity?.displayName ? { displayName: r.identity.displayName } : {}),
    ...(r.role ? { meetingRole: r.role } : {}),
    totalSeconds: r.totalAttendanceInSeconds ?? 0,
    intervals: (r.attendanceIntervals ?? []).flatMap((i) => {
      const joinAt = i.joinDateTime ? Date.parse(i.joinDateTime) : Number.NaN;
      if (Number.isNaN(joinAt)) return [];
      const leaveAt = i.leaveDateTime ? Date.parse(i.leaveDateTime) : Number.NaN;
      return [Number.isNaN(leaveAt) ? { joinAt } : { joinAt, leaveAt }];
    }),
  }));
}

function time<K extends string>(key: K, iso: string | null | undefined): Partial<Record<K, number>> {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? {} : ({ [key]: ms } as Record<K, number>);
}
