/** A week of board rows for the report tests: lessons on Monday, Wednesday and Friday, and one never started. */
import type { BoardEntry } from '../../../bot/src/app/schoolView/boardEntry.js';
import type { LessonFacts } from '../../../bot/src/app/schoolView/lessonFacts.js';

export const MONDAY = '2026-11-23';
export const quiet: LessonFacts = {
  hadCritical: false,
  criticalRaises: 0,
  acknowledgeMinutes: [],
  minutesOneAdult: 0,
  settingsDrift: false,
  settingsUnchecked: false,
  pupilsJoined: 3,
  checksUndone: 0,
};
let n = 0;
export const lesson = (day: string, facts: Partial<LessonFacts> | undefined, more: Partial<BoardEntry> = {}) => ({
  day,
  entry: {
    meetingId: `m-${++n}`,
    title: 'Year 5 maths',
    organizerId: 'aad-adams',
    organizerName: 'Ms Adams',
    startedAt: Date.parse(`${day}T10:00:00Z`) + n,
    live: false,
    limitMinutes: 20,
    staffIn: 0,
    pupilsIn: 0,
    noAdult: false,
    alerts: [],
    ...(facts ? { facts: { ...quiet, ...facts } } : {}),
    ...more,
  } satisfies BoardEntry,
});
const BROWN = { organizerId: 'aad-brown', organizerName: 'Mr Brown' };

/** A week of board rows: Monday, Wednesday, Friday, one never started. */
export const rows = [
  // Monday: a serious alert taken after 2 minutes, another after 5; 4 minutes with one adult; options put right.
  lesson(MONDAY, {
    hadCritical: true,
    criticalRaises: 2,
    acknowledgeMinutes: [2, 5],
    minutesOneAdult: 4.4,
    settingsDrift: true,
  }),
  lesson(MONDAY, { checksUndone: 2, minutesOneAdult: 0.3 }, BROWN),
  // Wednesday: a serious alert nobody took; options not checked.
  lesson('2026-11-25', { hadCritical: true, criticalRaises: 1, settingsUnchecked: true }, BROWN),
  // A lesson run before figures were kept, and one scheduled that never started.
  lesson('2026-11-27', undefined, { organizerId: undefined, organizerName: undefined }),
  lesson('2026-11-27', { ...quiet }, { startedAt: undefined, scheduledStart: Date.parse('2026-11-27T13:00:00Z') }),
];
