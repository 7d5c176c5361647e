/**
 * What the senior leadership team's two cards say: the morning digest (the day's lessons Chaperone
 * knows of) and the Monday report (last week's figures). Counts, times, titles and organizers only:
 * never a pupil's name. Pure.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { localDateAndTime } from '../time.js';
import type { BoardEntry } from './boardEntry.js';
import { dayLabel } from './schoolDays.js';
import type { WeekReport } from './weekReport.js';

/** A card's words: a title and its lines. */
export interface SeniorCard {
  title: string;
  lines: string[];
}

/** Most lessons a digest names one by one; the rest are counted. */
export const DIGEST_MAX_LESSONS = 25;

/**
 * The day's lessons, earliest first, cancelled ones left out; undefined when Chaperone knows of none (no card:
 * saying "no lessons today" would be an all-clear about lessons it may never have been told of).
 */
export function morningDigestCard(entries: readonly BoardEntry[], policy: Policy, day: string): SeniorCard | undefined {
  const zone = policy.school.timeZone;
  const lessons = entries
    .filter((e) => e.endedAt === undefined && e.cancelledAt === undefined)
    .map((e) => ({ entry: e, at: e.startedAt ?? e.scheduledStart }))
    .filter((l): l is { entry: BoardEntry; at: number } => l.at !== undefined)
    .sort((a, b) => a.at - b.at || a.entry.meetingId.localeCompare(b.entry.meetingId));
  if (lessons.length === 0) return undefined;
  const named = lessons.slice(0, DIGEST_MAX_LESSONS).map(({ entry, at }) => {
    const by = entry.organizerName ? `, ${entry.organizerName}` : '';
    return `${localDateAndTime(at, zone).time} ${entry.title}${by} (up to ${entry.limitMinutes} minutes)`;
  });
  const more = lessons.length - named.length;
  return {
    title: `Live lessons today, ${dayLabel(day)}: ${lessons.length}`,
    lines: [
      ...named,
      ...(more > 0 ? [`and ${more} more.`] : []),
      'Open the Safeguarding tab in Chaperone to see them live and drop in.',
      'Lessons set up in Teams without Chaperone are not listed.',
    ],
  };
}

/** Last week's figures; undefined when no lesson ran that week (no card). */
export function weeklyReportCard(report: WeekReport): SeniorCard | undefined {
  const t = report.totals;
  if (t.lessons === 0) return undefined;
  const taken =
    t.averageAcknowledgeMinutes === undefined
      ? []
      : [`Serious alerts were taken after ${t.averageAcknowledgeMinutes} minutes on average.`];
  return {
    title: `Last week's live lessons, ${dayLabel(report.start)} to ${dayLabel(report.end)}`,
    lines: [
      `Lessons run: ${t.lessons}.`,
      `Lessons with a serious alert: ${t.withCritical}.`,
      `Minutes with pupils and only one adult: ${t.minutesOneAdult}.`,
      ...taken,
      `Lessons whose meeting options Chaperone had to put right at the start: ${t.settingsDrift}.`,
      `Pupil checks nobody recorded: ${t.checksUndone}.`,
      'Open This week in the Safeguarding tab for each day and organizer, or to download the figures.',
    ],
  };
}
