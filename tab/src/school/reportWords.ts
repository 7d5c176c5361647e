/**
 * The school view's look-back in words: each figure of "This week" as a sentence a DSL reads at a
 * glance (the charts say the same in bars), and what happened in a past lesson. Pure, so every
 * sentence can be checked without a browser.
 */
import type { PastLessonsView, WeekReport } from '../api/client.js';

type Figures = WeekReport['totals'];
type PastLesson = PastLessonsView['lessons'][number];

/** "1 lesson", "3 lessons". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One figure of the week: the number, and the sentence it stands for. */
export interface Figure {
  id: string;
  value: string;
  words: string;
  /** Worth a second look (shown in the danger colour). */
  serious?: boolean;
}

/** The week's headline figures, in the order the report shows them. */
export function weekFigures(f: Figures): Figure[] {
  const taken =
    f.averageAcknowledgeMinutes === undefined
      ? f.criticalRaises
        ? `Nobody said "I'm dealing with it" to any of the ${count(f.criticalRaises, 'serious alert')}.`
        : 'No serious alerts to take.'
      : `On average, someone took a serious alert ${minutes(f.averageAcknowledgeMinutes)} after it was raised (${f.acknowledged} of ${f.criticalRaises} taken).`;
  return [
    { id: 'lessons', value: String(f.lessons), words: `${count(f.lessons, 'lesson')} ran.` },
    {
      id: 'critical',
      value: String(f.withCritical),
      words: `${count(f.withCritical, 'lesson')} had a serious alert.`,
      serious: f.withCritical > 0,
    },
    {
      id: 'oneAdult',
      value: String(f.minutesOneAdult),
      words: `${count(f.minutesOneAdult, 'minute')} with pupils and only one adult in the call.`,
      serious: f.minutesOneAdult > 0,
    },
    {
      id: 'acknowledge',
      value: f.averageAcknowledgeMinutes === undefined ? '-' : minutes(f.averageAcknowledgeMinutes),
      words: taken,
      serious: f.acknowledged < f.criticalRaises,
    },
    {
      id: 'settings',
      value: String(f.settingsDrift),
      words:
        `${count(f.settingsDrift, 'lesson')} started with the lobby or presenters not set as the school asks` +
        (f.settingsDrift ? '; Chaperone put them right.' : '.') +
        (f.settingsUnchecked ? ` ${count(f.settingsUnchecked, 'lesson')} could not be checked or put right.` : ''),
    },
    {
      id: 'checks',
      value: String(f.checksUndone),
      words: `${count(f.checksUndone, 'pupil check')} never recorded (consent, a parent there, a shared room).`,
      serious: f.checksUndone > 0,
    },
  ];
}

/** "2 min", "1.5 min". */
export function minutes(n: number): string {
  return `${n} min`;
}

/** What stood out in a past lesson, as short labels; empty when nothing did (or its figures were not kept). */
export function lessonNotes(lesson: PastLesson): Array<{ text: string; serious: boolean }> {
  if (lesson.hadCritical === undefined) return [{ text: 'No figures kept for this lesson', serious: false }];
  const notes: Array<{ text: string; serious: boolean }> = [];
  if (lesson.hadCritical) notes.push({ text: 'Serious alert', serious: true });
  if (lesson.minutesOneAdult) {
    const rounded = Math.round(lesson.minutesOneAdult);
    notes.push({ text: `One adult for ${rounded ? minutes(rounded) : 'under a minute'}`, serious: true });
  }
  if (lesson.checksUndone) notes.push({ text: `${count(lesson.checksUndone, 'check')} not recorded`, serious: false });
  if (lesson.settingsDrift) notes.push({ text: 'Meeting options put right', serious: false });
  return notes;
}

/** A bar's share of the longest bar, in percent (a non-zero value always shows a sliver). */
export function barPercent(value: number, longest: number): number {
  if (value <= 0 || longest <= 0) return 0;
  return Math.max(2, Math.round((value / longest) * 100));
}
