import {
  Badge,
  Caption1,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { SchoolNowView } from '../api/client.js';
import { SEVERITY_INTENT } from '../components/severityIntent.js';
import { LessonActions } from './LessonActions.js';
import { isOverLimit, lessonTime, peopleIn } from './schoolWords.js';

type Lesson = SchoolNowView['lessons'][number];

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalS },
  noAdult: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorStatusDangerBorder2}`,
  },
  heading: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  danger: { color: tokens.colorStatusDangerForeground1 },
});

/** One lesson on the "Now" list: what it is, who is in it, time against its limit, and its worst open problem. */
export function LessonCard({ lesson, now, timeZone }: { lesson: Lesson; now: number; timeZone: string }): ReactNode {
  const styles = useStyles();
  const over = isOverLimit(lesson, now);
  return (
    <Card
      className={mergeClasses(styles.card, lesson.noAdult && styles.noAdult)}
      aria-label={lesson.title}
      data-testid="school-lesson"
      data-no-adult={lesson.noAdult ? 'true' : undefined}
    >
      <div className={styles.heading}>
        <Text weight="semibold" as="h3">
          {lesson.title}
        </Text>
        {lesson.noAdult ? (
          <Badge appearance="filled" color="danger">
            Pupils with no adult
          </Badge>
        ) : (
          <Badge appearance="tint" color={lesson.state === 'live' ? 'success' : 'informative'}>
            {lesson.state === 'live' ? 'Live' : 'Starting soon'}
          </Badge>
        )}
      </div>
      <Caption1>Organizer: {lesson.organizerName ?? 'not known'}</Caption1>
      <Text data-testid="lesson-people" className={lesson.noAdult ? styles.danger : undefined}>
        {peopleIn(lesson)}
      </Text>
      <Text
        data-testid="lesson-time"
        weight={over ? 'semibold' : 'regular'}
        className={over ? styles.danger : undefined}
      >
        {lessonTime(lesson, now, timeZone)}
      </Text>
      {lesson.noAdult && !lesson.worst && (
        <Text weight="semibold">Pupils are in this lesson without an adult. Join it now, or call the organizer.</Text>
      )}
      {lesson.worst && (
        <MessageBar intent={SEVERITY_INTENT[lesson.worst.severity]} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{lesson.worst.message}</MessageBarTitle>
            {lesson.worst.action}
          </MessageBarBody>
        </MessageBar>
      )}
      {lesson.noAdult && (
        <LessonActions
          title={lesson.title}
          joinUrl={lesson.joinUrl}
          organizerId={lesson.organizerId}
          organizerName={lesson.organizerName}
        />
      )}
    </Card>
  );
}
