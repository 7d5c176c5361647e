/**
 * The changes that happen to a lesson, as the reducer takes them: from Teams (joins, leaves, start
 * and end) or from a member of staff (ticks, checks, register marks, breaches, acknowledgements),
 * plus audit records that only the lesson's history keeps. Pure data.
 */
import type { ChecklistItem, MeetingKind, Participant, PupilCheck, PupilCheckState, RegisterMark } from './types.js';

/** Every change to a lesson, from Teams or from a member of staff. `id` is the idempotency key. */
export type MeetingEvent =
  | {
      kind: 'meetingStarted';
      id: string;
      at: number;
      meetingType: MeetingKind;
      title: string;
      joinUrl?: string;
      organizerId?: string;
    }
  | { kind: 'meetingEnded'; id: string; at: number }
  | { kind: 'participantJoined'; id: string; at: number; participant: Participant }
  | { kind: 'participantLeft'; id: string; at: number; participantId: string; teamsId?: string }
  | { kind: 'rosterReconciled'; id: string; at: number; present: Participant[]; absent: string[] }
  | { kind: 'checklistTicked'; id: string; at: number; item: ChecklistItem; ticked: boolean; by: string }
  | {
      kind: 'pupilCheckRecorded';
      id: string;
      at: number;
      pupilId: string;
      check: PupilCheck;
      state: PupilCheckState;
      by: string;
    }
  /**
   * The same event as rows stored before checks had three states hold it (`value` true is yes, false no): read, never
   * written.
   */
  | {
      kind: 'pupilCheckRecorded';
      id: string;
      at: number;
      pupilId: string;
      check: PupilCheck;
      value: boolean;
      by: string;
    }
  | { kind: 'registerMarked'; id: string; at: number; pupilId: string; mark: RegisterMark; by: string }
  | { kind: 'breachReported'; id: string; at: number; by: string; note?: string }
  /** A DSL (or deputy, or senior leader) pressed "I'm dealing with it" on a critical alert: the first one takes it. */
  | {
      kind: 'alertAcknowledged';
      id: string;
      at: number;
      findingKey: string;
      raisedAt: number;
      by: string;
      byName: string;
    }
  | {
      kind: 'meetingDetailsLearned';
      id: string;
      at: number;
      meetingType?: MeetingKind;
      title?: string;
      createdAt?: number;
      scheduledStart?: number;
      scheduledEnd?: number;
      recording?: boolean;
      lobbyBypassScope?: string;
      joinUrl?: string;
      organizerId?: string;
      /** The organizer cancelled the lesson (Chaperone cancelled its calendar event for them). */
      /**
       * A senior leader approved this lesson at shorter notice than the policy asks (a booking with a reason): the
       * live rules do not raise short notice again.
       */
      noticeApproved?: boolean;
      cancelledAt?: number;
    }
  | { kind: 'meetingSettingsChanged'; id: string; at: number; by: string; changes: SettingsChangeRecord[] }
  | {
      kind: 'attendanceMerged';
      id: string;
      at: number;
      source: 'teams' | 'bot';
      lines: AttendanceMergeLine[];
      note?: string;
    };

/** One meeting option Chaperone changed, kept in the lesson's audit trail (Teams' labels, no personal data). */
export interface SettingsChangeRecord {
  setting: string;
  before: string;
  after: string;
}

/** One line of the register after Teams' attendance report was merged in (ids and minutes only). */
export interface AttendanceMergeLine {
  /** The bot's person key, when the bot saw this person. */
  personId?: string;
  aadObjectId?: string;
  minutes: number;
  seenBy: Array<'bot' | 'teams'>;
}

export type MeetingEventKind = MeetingEvent['kind'];
