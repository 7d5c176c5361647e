/**
 * The week's report as one spreadsheet table: a row for the whole week, one for each day and one
 * for each organizer, the same columns throughout, so a school can filter or chart it. Pure.
 */
import { toCsv, type CsvValue } from '../csv.js';
import { dayLabel } from './schoolDays.js';
import type { WeekFigures, WeekReport } from './weekReport.js';

const COLUMNS: Array<[string, (f: WeekFigures) => CsvValue]> = [
  ['Lessons run', (f) => f.lessons],
  ['Lessons with a serious alert', (f) => f.withCritical],
  ['Minutes with pupils and one adult', (f) => f.minutesOneAdult],
  ['Serious alerts', (f) => f.criticalRaises],
  ['Serious alerts taken', (f) => f.acknowledged],
  ['Average minutes to take an alert', (f) => f.averageAcknowledgeMinutes],
  ['Lessons with meeting options put right', (f) => f.settingsDrift],
  ['Lessons with meeting options not checked', (f) => f.settingsUnchecked],
  ['Pupil checks not recorded', (f) => f.checksUndone],
  ['Lessons without figures', (f) => f.withoutFigures],
];

/** The report as CSV (header first). */
export function weekCsv(report: WeekReport): string {
  const row = (group: string, name: string, figures: WeekFigures): CsvValue[] => [
    group,
    name,
    ...COLUMNS.map(([, value]) => value(figures)),
  ];
  return toCsv([
    ['Group', 'Name', ...COLUMNS.map(([label]) => label)],
    row('Week', `${dayLabel(report.start)} to ${dayLabel(report.end)} ${report.end.slice(0, 4)}`, report.totals),
    ...report.days.map((d) => row('Day', `${d.label} ${d.day.slice(0, 4)}`, d)),
    ...report.organizers.map((o) => row('Organizer', o.name, o)),
  ]);
}

/** `chaperone-week-2026-11-23.csv` */
export function weekCsvFileName(report: WeekReport): string {
  return `chaperone-week-${report.start}.csv`;
}
