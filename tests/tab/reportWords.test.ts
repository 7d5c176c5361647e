import assert from 'node:assert/strict';
import type { WeekFigures } from '../../bot/src/app/schoolView/weekReport.js';
import { barPercent, lessonNotes, weekFigures } from '../../tab/src/school/reportWords.js';

const week: WeekFigures = {
  lessons: 12,
  withCritical: 1,
  minutesOneAdult: 7,
  criticalRaises: 2,
  acknowledged: 1,
  averageAcknowledgeMinutes: 2.5,
  settingsDrift: 1,
  settingsUnchecked: 0,
  checksUndone: 3,
  withoutFigures: 0,
};
const lesson = { meetingId: 'm', title: 'Year 5 maths', startedAt: 0, live: false } as const;

describe('tab/school view report words: each figure of the week in a sentence', () => {
  it('says every figure in words, singular and plural, and marks what needs a second look', () => {
    const words = Object.fromEntries(weekFigures(week).map((f) => [f.id, [f.value, f.words, !!f.serious]]));
    assert.deepEqual(words, {
      lessons: ['12', '12 lessons ran.', false],
      critical: ['1', '1 lesson had a serious alert.', true],
      oneAdult: ['7', '7 minutes with pupils and only one adult in the call.', true],
      acknowledge: [
        '2.5 min',
        'On average, someone took a serious alert 2.5 min after it was raised (1 of 2 taken).',
        true,
      ],
      settings: [
        '1',
        '1 lesson started with the lobby or presenters not set as the school asks; Chaperone put them right.',
        false,
      ],
      checks: ['3', '3 pupil checks never recorded (consent, a parent there, a shared room).', true],
    });
  });

  it('a week with no serious alert, or with none taken, says so rather than showing an average of nothing', () => {
    const calm = weekFigures({ ...week, criticalRaises: 0, acknowledged: 0, averageAcknowledgeMinutes: undefined });
    assert.equal(calm.find((f) => f.id === 'acknowledge')?.words, 'No serious alerts to take.');
    const { averageAcknowledgeMinutes: _none, ...untaken } = { ...week, acknowledged: 0 };
    const figure = weekFigures(untaken).find((f) => f.id === 'acknowledge');
    assert.deepEqual(
      [figure?.value, figure?.words],
      ['-', 'Nobody said "I\'m dealing with it" to any of the 2 serious alerts.'],
    );
    const unchecked = weekFigures({ ...week, settingsUnchecked: 2 }).find((f) => f.id === 'settings');
    assert.match(unchecked?.words ?? '', / 2 lessons could not be checked or put right\.$/);
  });

  it("names what stood out in a past lesson, and says when a lesson's figures were not kept", () => {
    assert.deepEqual(lessonNotes(lesson), [{ text: 'No figures kept for this lesson', serious: false }]);
    const figures = { hadCritical: false, minutesOneAdult: 0, checksUndone: 0, settingsDrift: false };
    assert.deepEqual(lessonNotes({ ...lesson, ...figures }), []);
    assert.deepEqual(
      lessonNotes({ ...lesson, hadCritical: true, minutesOneAdult: 0.3, checksUndone: 1, settingsDrift: true }).map(
        (n) => n.text,
      ),
      ['Serious alert', 'One adult for under a minute', '1 check not recorded', 'Meeting options put right'],
    );
  });

  it('draws bars against the longest, a small value still visible, nothing for zero', () => {
    assert.deepEqual([barPercent(5, 10), barPercent(10, 10), barPercent(0, 10), barPercent(1, 1000)], [50, 100, 0, 2]);
  });
});
