import { checkCells, checkHeaders } from '../../app/sidePanel/pupilChecks.js';
import type { StatusView } from '../../app/sidePanel/statusView.js';
import { toCsv } from '../../app/csv.js';
import { localStamp } from '../../app/time.js';

/**
 * The lesson's register as CSV: one row per pupil, times in the school's time zone; each check is yes, no or not yet,
 * with who set it and when.
 */
export function registerCsv(view: StatusView): string {
  const tz = view.school.timeZone;
  const header = [
    'Lesson',
    'Pupil',
    'In the lesson now',
    'First joined',
    'Last left',
    'Minutes present',
    'Register mark',
    'Marked by',
    ...view.pupilChecks.flatMap((c) => checkHeaders(c.label)),
  ];
  const rows = view.register.map((row) => [
    view.title,
    row.name,
    row.presentNow ? 'yes' : 'no',
    localStamp(row.firstJoinAt, tz),
    localStamp(row.lastLeaveAt, tz),
    row.minutesPresent,
    row.mark ?? '',
    row.markStamp ? `${row.markStamp.byName} at ${localStamp(row.markStamp.at, tz)}` : '',
    ...view.pupilChecks.flatMap((c) => checkCells(row.checks[c.check], (at) => localStamp(at, tz))),
  ]);
  return toCsv([header, ...rows]);
}

/** A file name for the download: the lesson's local date, nothing from the title (it may be anything). */
export function registerFileName(view: StatusView): string {
  const date = localStamp(view.startedAt ?? view.now, view.school.timeZone).slice(0, 10);
  return `register-${date}.csv`;
}
