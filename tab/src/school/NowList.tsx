import { Body1, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { SchoolNowView } from '../api/client.js';
import { LessonCard } from './LessonCard.js';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
});

/** Every lesson live now or starting within the hour, in the server's order (pupils with no adult first). */
export function NowList({ view, now }: { view: SchoolNowView; now: number }): ReactNode {
  const styles = useStyles();
  return (
    <section aria-labelledby="school-now">
      <Subtitle2 as="h2" id="school-now" block>
        Now
      </Subtitle2>
      {view.lessons.length === 0 ? (
        <Body1 as="p">No lesson Chaperone watches is live or due to start in the next hour.</Body1>
      ) : (
        <ul className={styles.list} aria-label="Lessons now">
          {view.lessons.map((lesson) => (
            <li key={lesson.meetingId}>
              <LessonCard lesson={lesson} now={now} timeZone={view.school.timeZone} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
