import { Body1, Caption1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { SchoolNowView } from '../api/client.js';
import { timeOfDay } from '../components/format.js';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyleType: 'none' },
});

/** The day's lessons scheduled more than an hour ahead, earliest first: one line each. */
export function LaterToday({ view }: { view: SchoolNowView }): ReactNode {
  const styles = useStyles();
  if (view.later.length === 0) return null;
  return (
    <section aria-labelledby="school-later">
      <Subtitle2 as="h2" id="school-later" block>
        Later today
      </Subtitle2>
      <ul className={styles.list} aria-label="Lessons later today">
        {view.later.map((lesson) => (
          <li key={lesson.meetingId} data-testid="school-later-lesson">
            <Body1>
              {timeOfDay(lesson.scheduledStart, view.school.timeZone)} {lesson.title}
            </Body1>
            {lesson.organizerName && <Caption1>, {lesson.organizerName}</Caption1>}
          </li>
        ))}
      </ul>
    </section>
  );
}
