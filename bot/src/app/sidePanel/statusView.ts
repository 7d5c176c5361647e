import type { RegisterRow } from '../../domain/register.js';
import type { ChecklistItem, PupilCheck, Role, Severity } from '../../domain/types.js';
import type { PupilCheckDefinition, PupilCheckView } from './pupilChecks.js';
import type { PresentByRole } from './whoIsIn.js';

/** Who did something and when, as staff see it. */
export interface Stamp {
  by: string;
  byName: string;
  at: number;
}

/** One person in the lesson now. Names are shown to staff only. */
export interface PersonView {
  id: string;
  name: string;
  /** As the school classified them: `staff` only when counted as staff; `unknown` is someone not identified. */
  role: Role;
  since?: number;
}

/** One join or leave, newest first. */
export interface TimelineEntry {
  at: number;
  personId: string;
  name: string;
  role: Role;
  type: 'join' | 'leave';
}

/** What every item in the panel's list of alerts says: how serious, what happened, what to do now, and who has it. */
interface AlertBase {
  key: string;
  ruleId: string;
  severity: Severity;
  /**
   * What happened, in plain words (never a pupil's name: {@link FindingView.about} and the grouped rows carry names).
   */
  message: string;
  /** What to do now. */
  action: string;
  /** When staff were told (undefined while the grace period runs). */
  raisedAt?: number;
  firstSeenAt: number;
  /** Whether the DSL has it, as Teams answered; absent when this finding does not go to a DSL. */
  dsl?: DslDelivery;
  /** Who pressed "I'm dealing with it" on this raise of the alert, and when; absent while nobody has. */
  acknowledged?: { name: string; at: number };
}

/** An open finding with what to do about it, in plain words. */
export interface FindingView extends AlertBase {
  kind: 'finding';
  /** The people it is about, by name, for staff only; absent when it is about nobody in particular. */
  about?: string[];
}

/** One pupil in the grouped per-pupil checks alert: the checks nobody has recorded, and each recorded as no. */
export interface PupilChecksRow {
  pupilId: string;
  name: string;
  /** The checks still not recorded, in lower-case words (`consent`, `parent/carer in the room`). */
  missing: string[];
  /** Each check recorded as no: what that means for the pupil, and what to do now. */
  refused: Array<{ check: PupilCheck; words: string; action: string }>;
  /** Who is dealing with this pupil's checks, from an "I'm dealing with it" on any of them. */
  acknowledged?: { name: string; at: number };
}

/**
 * Every open per-pupil check finding (consent, parent/carer, communal room) as one item: which
 * pupils, and what is missing or refused for each. Staff-only: the rows name the pupils.
 */
export interface PupilChecksAlert extends AlertBase {
  kind: 'pupilChecks';
  /** The findings it stands for. */
  findingKeys: string[];
  pupils: PupilChecksRow[];
}

/** One item in the panel's list of alerts. */
export type AlertView = FindingView | PupilChecksAlert;

/**
 * The DSL's copy of an alert: `sent` once Teams accepted it for at least one DSL (with when),
 * `waiting` while every copy is still being tried, `failed` when Teams never took any.
 */
export interface DslDelivery {
  state: 'sent' | 'waiting' | 'failed';
  sentAt?: number;
}

/** A checklist item the school's policy asks for. */
export interface ChecklistView {
  item: ChecklistItem;
  label: string;
  ticked: boolean;
  stamp?: Stamp;
}

/**
 * One pupil (or guest, or person not identified) on the register, with each check's state and who set it, and the mark.
 */
export interface RegisterRowView extends Omit<RegisterRow, 'checks'> {
  markStamp?: Stamp;
  /** The checks the policy asks for; one never recorded is `notYet` with no stamp. */
  checks: Partial<Record<PupilCheck, PupilCheckView>>;
}

/** The side panel's view model: everything staff see, computed from the stored lesson. */
export interface StatusView {
  meetingId: string;
  title: string;
  meetingType: string;
  /** Server time the view was computed at; the panel ticks its timer from here. */
  now: number;
  startedAt?: number;
  endedAt?: number;
  timer: {
    /** Which limit applies: a lesson with pupils, or a staff-only meeting. */
    kind: 'lesson' | 'staffOnly';
    limitMinutes: number;
    enabled: boolean;
    /** Time from the start to now, or to the end once the lesson has ended. */
    elapsedMs?: number;
    /** Time left before the limit; absent before the start and once the lesson has ended (no countdown then). */
    remainingMs?: number;
    /** Minutes before the limit at which staff are warned. */
    countdownMinutes: number[];
  };
  staff: { present: number; required: number };
  /** Everyone in the lesson who is not staff (pupils, guests, people not identified): supervision counts them all. */
  pupilsPresent: number;
  /** The same people by who they are. */
  presentByRole: PresentByRole;
  /** What the policy means for guests and people not identified, in one sentence. */
  guestNote: string;
  people: PersonView[];
  timeline: TimelineEntry[];
  /** Open alerts, raised ones first, most severe first; the per-pupil checks are one grouped item. */
  findings: AlertView[];
  checklist: ChecklistView[];
  /** Which per-pupil checks the policy asks for, each labelled once here (rows carry only states). */
  pupilChecks: PupilCheckDefinition[];
  register: RegisterRowView[];
  roster: { checkedAt?: number; lastEventAt?: number };
  breaches: Array<{ at: number; byName: string }>;
  /** True when staff should be reminded to use "End meeting" for everyone now. */
  endReminder: boolean;
  school: { name: string; timeZone: string };
  /** The number staff are told to phone when an alert could not be delivered; absent when the school gave none. */
  dslPhone?: string;
}
