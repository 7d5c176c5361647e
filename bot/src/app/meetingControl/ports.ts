/**
 * The MeetingControl port: what the use cases need from Teams' own meeting settings and attendance
 * reports (Microsoft Graph `onlineMeeting`). Adapters live in `bot/src/graph/`; tests pass fakes.
 * Nothing here imports an SDK.
 */
import type { LobbyScope } from '../../domain/policy/schema.js';
import type { PresenterScope } from '../../domain/policy/targetSettings.js';
import type { AccessRefusal, AccessRequirement } from '../../domain/rules/meetingOptions.js';

/** One invited attendee as the meeting lists them. */
export interface InvitedAttendee {
  /** Entra object id, when the invitee is a user of a directory. */
  aadObjectId?: string;
  upn?: string;
  /** Graph meeting role (`attendee`, `presenter`, `producer`, `coorganizer`). */
  role?: string;
}

/** The safety-relevant settings of one Teams meeting, read from Graph. Times are epoch ms. */
export interface MeetingSettings {
  /** Graph `onlineMeeting` id (not the Teams meeting id the bot sees). */
  id: string;
  /** Entra object id of the organizer; Graph calls act on the meeting through this user. */
  organizerId: string;
  joinUrl: string;
  /** Graph `lobbyBypassSettings.scope`; a value Chaperone does not know is kept as-is. */
  lobbyScope: LobbyScope | (string & {});
  /** Whether people dialling in by phone skip the lobby. */
  dialInBypass: boolean;
  allowedPresenters: PresenterScope | (string & {});
  attendeeMicAllowed: boolean;
  attendeeCameraAllowed: boolean;
  /** Graph `allowMeetingChat` (`enabled`, `disabled`, `limited`). */
  meetingChat?: string;
  recordAutomatically: boolean;
  createdAt?: number;
  startAt?: number;
  endAt?: number;
  attendees: InvitedAttendee[];
}

/** A change to a meeting's settings. Only the fields present are sent. */
export interface MeetingSettingsPatch {
  /** Sent whole: Graph replaces the complex value, so both parts are always given. */
  lobby?: { scope: LobbyScope; dialInBypass: boolean };
  allowedPresenters?: PresenterScope;
  attendeeMicAllowed?: boolean;
  attendeeCameraAllowed?: boolean;
}

/** One join-to-leave period; `leaveAt` is missing when Teams lacks the data. */
export interface AttendanceInterval {
  joinAt: number;
  leaveAt?: number;
}

/** One person in Teams' attendance report for a meeting. */
export interface AttendanceRecord {
  aadObjectId?: string;
  email?: string;
  displayName?: string;
  /** Teams' role: `Organizer`, `Presenter`, `Attendee` or `None`. Never says who is staff. */
  meetingRole?: string;
  totalSeconds: number;
  intervals: AttendanceInterval[];
}

/** Reads and changes a Teams meeting's settings, and reads its attendance reports. */
export interface MeetingControl {
  /** The meeting behind a join URL, read as its organizer; undefined when Graph knows none. */
  findMeeting(organizerId: string, joinUrl: string): Promise<MeetingSettings | undefined>;
  /** Applies `patch` to the meeting read earlier (`meeting`) and returns the settings after it. */
  updateSettings(meeting: MeetingSettings, patch: MeetingSettingsPatch): Promise<MeetingSettings>;
  /**
   * Attendance records of the reports (one per session) that overlap `window`, or of every report
   * when no window is given. Reports exist only after a session ends.
   */
  attendanceRecords(
    meeting: Pick<MeetingSettings, 'id' | 'organizerId'>,
    window?: { from: number; to: number },
  ): Promise<AttendanceRecord[]>;
}

/** What an admin must grant before Chaperone may make a Graph call. */
export type GraphRequirement = AccessRequirement;

/**
 * What a refusal says is missing: the application permission (`requirement.permission`), the Teams
 * application access policy for the user the call acts through (the lesson's organizer), or a
 * working sign-in for the app itself.
 */
export type GraphRefusal = AccessRefusal;

/** Graph refused a call (401/403, or 404 naming the access policy): an admin must grant `requirement`. */
export class GraphPermissionError extends Error {
  constructor(
    readonly requirement: GraphRequirement,
    readonly status: number,
    /** Graph's error code (never its message, which can carry user ids). */
    readonly graphCode?: string,
    readonly missing: GraphRefusal = 'permission',
  ) {
    super(
      `Microsoft Graph refused the request (${status}${graphCode ? ` ${graphCode}` : ''}): ${MISSING_TEXT[missing](requirement)}.`,
    );
    this.name = 'GraphPermissionError';
  }
}

const MISSING_TEXT: Record<GraphRefusal, (requirement: GraphRequirement) => string> = {
  permission: (r) => `the app needs ${r.permission}`,
  accessPolicy: () => 'no application access policy lets the app act for this user',
  signIn: (r) => `the app needs ${r.permission}`,
};

/** Graph could not be reached or kept failing (network, timeout, 5xx, throttling) after the retries allowed. */
export class GraphUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GraphUnavailableError';
  }
}

/** Graph rejected the request itself (4xx other than 401, 403, 429): a bug or a meeting Graph does not know. */
export class GraphRequestError extends Error {
  constructor(
    readonly status: number,
    readonly graphCode?: string,
  ) {
    super(`Microsoft Graph rejected the request (${status}${graphCode ? ` ${graphCode}` : ''}).`);
    this.name = 'GraphRequestError';
  }
}
