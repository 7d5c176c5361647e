/**
 * Whether Chaperone can check lesson meeting options through Microsoft Graph, as `/healthz` reports
 * it: off by the school's choice, working, or exactly what is missing (the application permission,
 * the Teams application access policy for some organizers, a sign-in, or Graph itself), from the
 * outcome of the last calls that read or change meeting options.
 */
import { GraphPermissionError, GraphRequestError, GraphUnavailableError, type MeetingControl } from './ports.js';

/** The `meetingSettings` check: its text, and whether it makes the service degraded. */
export interface MeetingSettingsHealth {
  meetingSettings: string;
  degraded: boolean;
}

/** Organizers remembered as refused for want of an access policy; older ones are forgotten first. */
const MAX_REFUSED_ORGANIZERS = 1_000;

/** Records each Graph outcome for meeting options and reports the `meetingSettings` health check. */
export class MeetingControlHealth {
  /** The last failure that stops every lesson's check (permission, sign-in, Graph down); cleared by any answer. */
  private blocked: string | undefined;
  /** Organizers (Entra object ids, held in memory only) whose meetings Graph refused for want of an access policy. */
  private readonly noAccessPolicy = new Set<string>();
  private answered = false;

  /** `enabled` false: `GRAPH_ENFORCE_SETTINGS` is off, which is the school's choice, not a fault. */
  constructor(private readonly enabled: boolean) {}

  /** `meetingControl` with every read and change of meeting options recorded here (attendance reads are not). */
  watch(meetingControl: MeetingControl): MeetingControl {
    return {
      findMeeting: (organizerId, joinUrl) =>
        this.observe(organizerId, meetingControl.findMeeting(organizerId, joinUrl)),
      updateSettings: (meeting, patch) =>
        this.observe(meeting.organizerId, meetingControl.updateSettings(meeting, patch)),
      attendanceRecords: (meeting, window) => meetingControl.attendanceRecords(meeting, window),
    };
  }

  /** Graph answered a call made through `organizerId`. */
  private recordAnswer(organizerId: string): void {
    this.answered = true;
    this.blocked = undefined;
    this.noAccessPolicy.delete(organizerId);
  }

  /**
   * A call made through `organizerId` failed; a rejected request (a bug, an unknown meeting) says nothing of health.
   */
  private recordFailure(organizerId: string, error: unknown): void {
    if (error instanceof GraphRequestError) return;
    if (error instanceof GraphPermissionError && error.missing === 'accessPolicy') {
      this.answered = true;
      this.blocked = undefined;
      if (this.noAccessPolicy.size >= MAX_REFUSED_ORGANIZERS)
        this.noAccessPolicy.delete(this.noAccessPolicy.values().next().value!);
      this.noAccessPolicy.add(organizerId);
      return;
    }
    this.blocked = blockedText(error);
  }

  /** The `meetingSettings` check for `/healthz`. */
  health(): MeetingSettingsHealth {
    if (!this.enabled)
      return {
        meetingSettings: 'off (GRAPH_ENFORCE_SETTINGS=false): lesson meeting options are not checked',
        degraded: false,
      };
    if (this.blocked) return { meetingSettings: this.blocked, degraded: true };
    const refused = this.noAccessPolicy.size;
    if (refused) {
      const whom = refused === 1 ? '1 organizer' : `${refused} organizers`;
      return {
        meetingSettings: `Graph refused: no application access policy for ${whom} (Grant-CsApplicationAccessPolicy)`,
        degraded: true,
      };
    }
    return { meetingSettings: this.answered ? 'ok' : 'ok (no lesson checked yet)', degraded: false };
  }

  private async observe<T>(organizerId: string, call: Promise<T>): Promise<T> {
    try {
      const result = await call;
      this.recordAnswer(organizerId);
      return result;
    } catch (error) {
      this.recordFailure(organizerId, error);
      throw error;
    }
  }
}

function blockedText(error: unknown): string {
  if (error instanceof GraphPermissionError) {
    return error.missing === 'signIn'
      ? `Graph sign-in refused (${error.status}): check the managed identity, or GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and GRAPH_TENANT_ID`
      : `Graph refused (${error.status}): application permission ${error.requirement.permission} missing`;
  }
  // Our own error messages only (status and attempts), never Graph's, which can carry user ids.
  return `Graph unavailable: ${error instanceof GraphUnavailableError ? error.message : 'the call failed'}`;
}
