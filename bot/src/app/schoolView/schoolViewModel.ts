/**
 * What the school view shows (the personal "Safeguarding" tab for the DSL, deputies and senior
 * leaders): every lesson live now or starting within the hour, and every critical alert nobody has
 * taken yet. View models only: built on the server, rendered by the tab.
 */
import type { Severity } from '../../domain/types.js';

/** How far a critical alert has got: who Teams has confirmed has it, or why not yet. */
export interface AlertReach {
  /** `sent`: Teams took it for at least one person; `pending`: not yet (retrying); `failed`: given up. */
  state: 'sent' | 'pending' | 'failed';
  /** The furthest group it has gone to: the DSL, then the deputies, then the senior leaders. */
  reached: 'dsl' | 'deputies' | 'slt';
}

/** One lesson on the board. Counts are people in the lesson now; times are epoch ms. */
export interface BoardLesson {
  meetingId: string;
  title: string;
  organizerName?: string;
  /** The organizer's Entra object id (to call or chat with them in Teams). */
  organizerId?: string;
  /** The Teams join link, for "Join the lesson". */
  joinUrl?: string;
  /** `live`: started and not ended; `upcoming`: scheduled to start within the hour. */
  state: 'live' | 'upcoming';
  scheduledStart?: number;
  startedAt?: number;
  /** The policy's limit for this lesson (pupil lessons and staff-only meetings differ). */
  limitMinutes: number;
  staffIn: number;
  /** People supervised as pupils now (pupils, guests and people not identified). */
  pupilsIn: number;
  /** Pupils in the lesson and no member of staff: shown first, in red. */
  noAdult: boolean;
  /** The most serious open finding, if any. */
  worst?: { severity: Severity; message: string; action: string };
}

/** A critical alert nobody has said "I'm dealing with it" to yet. */
export interface OpenAlert {
  meetingId: string;
  lessonTitle: string;
  findingKey: string;
  /** Identifies this raise: acknowledging answers this raise only. */
  raisedAt: number;
  message: string;
  action: string;
  reach?: AlertReach;
}

/** The "Now" part of the school view: one request for the whole school. */
export interface SchoolNowView {
  school: { name: string; timeZone: string };
  now: number;
  /** Lessons with pupils and no adult first, then those with an open critical alert, then by start. */
  lessons: BoardLesson[];
  /** Lessons scheduled for later today (more than an hour ahead), earliest first. */
  later: BoardLesson[];
  /** Oldest first. */
  alerts: OpenAlert[];
}

/** Who is asking, so the tab can greet them and say what they may do. */
export interface SchoolViewer {
  name: string;
  /** Why they may see the school view. */
  as: 'dsl' | 'deputy' | 'slt';
}
