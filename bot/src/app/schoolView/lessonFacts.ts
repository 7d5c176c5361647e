/**
 * What the school's weekly report needs from one lesson, worked out once when the lesson is written
 * and kept on its board row, so a week's report reads seven partitions and loads no lesson. Pure.
 *
 * Where each fact comes from: the lesson's raises (its outbox and alert book, as the end-of-lesson
 * summary reads them), who took each one (the lesson's acknowledgements), the presence marks of
 * everyone in it, the pupil checks staff recorded, and the 1:1 card Chaperone sends the organizer at
 * the start when it had to put the meeting options right (or could not check them).
 */
import type { Policy } from '../../domain/policy/schema.js';
import { firstJoinAt, isStaff, presenceChangedAt, presenceIntervals } from '../../domain/presence.js';
import { pupilCheckState } from '../../domain/rules/pupilCheck.js';
import { PUPIL_CHECKS, type MeetingState } from '../../domain/types.js';
import { lessonRaises } from '../lessonRoutines/lessonRaises.js';
import type { LessonBook } from '../ports.js';

/** The start-of-lesson card saying which meeting options Chaperone changed (`settingsAtLessonStart.ts`). */
export const SETTINGS_CHANGED_CAUSE = 'settings@';
/** The start-of-lesson card asking the organizer to set the options by hand: Chaperone could not check them. */
export const SETTINGS_NOT_CHECKED_CAUSE = 'settings-not-checked@';

const MINUTE = 60_000;

/** One lesson's figures for the weekly report. */
export interface LessonFacts {
  /** A serious (critical) alert was raised in the lesson, or staff reported a breach. */
  hadCritical: boolean;
  /** Serious alerts raised (each raise counts; a breach report nobody was alerted about does not). */
  criticalRaises: number;
  /** Minutes from each serious alert to the first "I'm dealing with it", for the raises someone took. */
  acknowledgeMinutes: number[];
  /** Minutes with pupils in the lesson and exactly one member of staff (one decimal). */
  minutesOneAdult: number;
  /** At the start, the lobby, presenters or other options were not as the policy asks, and Chaperone put them right. */
  settingsDrift: boolean;
  /**
   * At the start, Chaperone could not check (or could not change) the meeting options and asked the organizer to set
   * them by hand.
   */
  settingsUnchecked: boolean;
  /** Pupils (and guests, and people not identified) who joined. */
  pupilsJoined: number;
  /** Pupil checks the policy asks for that nobody recorded, counted over every pupil who joined. */
  checksUndone: number;
}

/** The report's facts about the lesson as written. */
export function lessonFactsOf(book: LessonBook, policy: Policy): LessonFacts {
  const critical = lessonRaises(book).filter((r) => r.severity === 'critical');
  const alerted = critical.filter((r) => r.action !== '');
  const causes = (book.deliveries ?? []).flatMap((d) => (d.message.kind === 'card' ? [d.message.cause] : []));
  const pupils = Object.values(book.state.people).filter((p) => !isStaff(p) && firstJoinAt(p) !== undefined);
  const asked = PUPIL_CHECKS.filter((check) => policy.pupilChecks[check]);
  return {
    hadCritical: critical.length > 0,
    criticalRaises: alerted.length,
    acknowledgeMinutes: alerted.flatMap((r) => (r.acknowledged ? [tenths(r.acknowledged.at - r.raisedAt)] : [])),
    minutesOneAdult: tenths(oneAdultMs(book.state)),
    settingsDrift: causes.some((c) => c.startsWith(SETTINGS_CHANGED_CAUSE)),
    settingsUnchecked: causes.some((c) => c.startsWith(SETTINGS_NOT_CHECKED_CAUSE)),
    pupilsJoined: pupils.length,
    checksUndone: pupils.reduce((n, p) => n + asked.filter((c) => pupilCheckState(p, c) === 'notYet').length, 0),
  };
}

/**
 * Time with pupils present and exactly one member of staff, swept over everyone's presence intervals.
 * Someone still in the lesson counts up to its end or, while it runs, to the last join or leave (so
 * the row changes when presence does, not with every event).
 */
function oneAdultMs(state: MeetingState): number {
  const until = state.endedAt ?? presenceChangedAt(state);
  const changes: Array<{ at: number; staff: number; pupils: number }> = [];
  for (const person of Object.values(state.people)) {
    const staff = isStaff(person) ? 1 : 0;
    for (const { from, to = until } of presenceIntervals(person)) {
      if (to === undefined || to <= from) continue;
      changes.push({ at: from, staff, pupils: 1 - staff }, { at: to, staff: -staff, pupils: staff - 1 });
    }
  }
  changes.sort((a, b) => a.at - b.at);
  let [staff, pupils, total] = [0, 0, 0];
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i]!;
    staff += change.staff;
    pupils += change.pupils;
    const next = changes[i + 1];
    if (next && staff === 1 && pupils > 0) total += next.at - change.at;
  }
  return total;
}

/** Milliseconds as minutes to one decimal. */
function tenths(ms: number): number {
  return Math.round(ms / (MINUTE / 10)) / 10;
}
