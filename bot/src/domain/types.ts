/**
 * The vocabulary of a lesson meeting, in the school's words, and the lesson state the reducer builds;
 * its events (events.ts) and findings (findings.ts) are re-exported here, so one import names them all.
 * Pure data: no I/O, no SDK types. Times are epoch milliseconds (numbers), so state serialises to JSON without loss.
 */
export type * from './events.js';
export type * from './findings.js';

/** Who a participant is to the school. `unknown` is treated as a pupil wherever safety depends on it. */
export type Role = 'staff' | 'pupil' | 'guest' | 'unknown';

/** Teams' own meeting role (organizer, presenter, attendee). It never says who is staff. */
export type MeetingRole = 'Organizer' | 'Presenter' | 'Attendee' | 'Guest' | 'Unknown';

/** How the meeting was created, as Teams reports it (`MeetingType` / `details.type`). */
export type MeetingKind =
  'Scheduled' | 'Recurring' | 'MeetNow' | 'ChannelScheduled' | 'OneToOneCall' | 'GroupCall' | 'Unknown';

/** A person as the meeting sees them, already classified by the app layer. */
export interface Participant {
  /** Stable person key: the Entra object id when known, else the Teams user id. */
  id: string;
  /** Teams user id (`29:...`), the address for targeted notifications. */
  teamsId: string;
  /** Display name; shown to staff only, never to the DSL preview or logs. */
  name: string;
  role: Role;
  /** The participant's home tenant (a guest's differs from the school's). */
  tenantId?: string;
  meetingRole?: MeetingRole;
}

/** Session checklist items a member of staff ticks during the lesson. */
export const CHECKLIST_ITEMS = ['expectationsRead', 'rolesAgreed', 'recordingStarted', 'endForAllExplained'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** Per-pupil checks recorded by staff at the start of the lesson. */
export const PUPIL_CHECKS = ['consent', 'parentPresent', 'communalRoom'] as const;
export type PupilCheck = (typeof PUPIL_CHECKS)[number];

/** What staff record for a per-pupil check; `notYet` sets it back to open (the undo of a misclick). */
export const PUPIL_CHECK_STATES = ['yes', 'no', 'notYet'] as const;
export type PupilCheckState = (typeof PUPIL_CHECK_STATES)[number];

/** A teacher's correction of the automatic register. */
export type RegisterMark = 'present' | 'absent' | 'left';

/** One presence change of one person, kept so presence is computed per person, not per event. */
export interface PresenceMark {
  eventId: string;
  at: number;
  type: 'join' | 'leave';
  /**
   * Set on marks from a roster check against Teams itself: a reconciled leave means nobody is left
   * on any device, a reconciled join means at least one device is in.
   */
  reconciled?: boolean;
}

/** What the lesson knows about one person. */
export interface PersonRecord extends Participant {
  /** Join/leave marks sorted by time then event id; duplicates by event id are never stored. */
  marks: PresenceMark[];
  /**
   * Per-pupil checks with who set the current state and when (`eventId` breaks ties between equal times):
   * `value` true is yes, false is no, absent is "not yet" (set back by staff). Never recorded: no entry.
   */
  checks: Partial<Record<PupilCheck, { value?: boolean; by: string; at: number; eventId?: string }>>;
  /** Latest register correction by staff, if any. */
  mark?: { mark: RegisterMark; by: string; at: number; eventId?: string };
  /** The event whose classification (role, name, tenant) the record carries: the newest by (at, id). */
  classified?: { at: number; eventId: string };
  /** Once seen as a guest in this meeting, never counted as staff (DESIGN section 3). */
  guestSeen?: boolean;
}

/** The live model of one lesson meeting: the reducer's output, stored as the snapshot row. */
export interface MeetingState {
  tenantId: string;
  meetingId: string;
  title: string;
  meetingType: MeetingKind;
  joinUrl?: string;
  organizerId?: string;
  createdAt?: number;
  scheduledStart?: number;
  scheduledEnd?: number;
  /** When the organizer cancelled the lesson; once cancelled it stays cancelled (the earliest time is kept). */
  /** A senior leader approved the lesson at shorter notice than the policy asks, when it was booked or moved. */
  noticeApproved?: boolean;
  cancelledAt?: number;
  startedAt?: number;
  endedAt?: number;
  recording?: boolean;
  lobbyBypassScope?: string;
  people: Record<string, PersonRecord>;
  checklist: Partial<Record<ChecklistItem, { ticked: boolean; by: string; at: number; eventId?: string }>>;
  /** Breaches reported by staff, sorted by (at, id). */
  breaches: Array<{ id: string; at: number; by: string; note?: string }>;
  /** When presence was last confirmed against Teams itself (not just events). */
  rosterCheckedAt?: number;
  /** Who is dealing with each critical alert: the first acknowledgement of each raise (see `acknowledgements.ts`). */
  acknowledgements?: Record<string, Acknowledgement>;
  /** Where the meeting lives in Teams (set by the app layer from the activity), for proactive alerts. */
  address?: { serviceUrl: string; conversationId: string };
  /**
   * Ids of the newest events applied (at most `APPLIED_WINDOW`, newest by time then id), kept sorted so delivery
   * order does not show. Older ids leave it, bounded by `appliedThrough`: see appliedEvents.ts.
   */
  applied: string[];
  /** The time of each event in `applied`, in its order (which ids leave the window first); absent before the bound. */
  appliedTimes?: number[];
  /** The same times by id, as lessons stored them before `appliedTimes`: read, never written. */
  appliedAt?: Record<string, number>;
  /** Every applied event whose id has left `applied` happened at or before this time; absent while none has. */
  appliedThrough?: number;
  /** How many distinct events were applied; only ever grows (absent before the bound: `applied` held them all). */
  eventCount?: number;
  /** Time of the newest event applied. */
  lastEventAt?: number;
}

/** Who took a critical alert and when (one raise of one finding). */
export interface Acknowledgement {
  /** The raise it answers (a finding raised again later needs a new acknowledgement). */
  raisedAt: number;
  /** Entra object id. */
  by: string;
  name: string;
  at: number;
}
