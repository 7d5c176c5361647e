import { Badge, Body1, Button, makeStyles, Subtitle2, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { BookingItem } from '../api/client.js';
import { lessonPeople, lessonWhen } from './bookedLessonWords.js';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** One booked lesson: when (on the school's clock), who else is invited, whether it was moved or cancelled. */
export function BookedLessonItem({
  item,
  timeZone,
  onCancel,
  onMove,
}: {
  item: BookingItem;
  timeZone: string;
  onCancel: () => void;
  onMove: () => void;
}): ReactNode {
  const styles = useStyles();
  const cancelled = item.state === 'cancelled';
  // Focus goes back to the button that opened the dialog once it closes.
  const restoreFocus = useRestoreFocusTarget();
  return (
    <li className={styles.item} data-testid="booked-lesson">
      <Subtitle2 as="h3" className={styles.heading}>
        {item.title}
        {item.state !== 'booked' && (
          <Badge appearance="tint" color={cancelled ? 'danger' : 'informative'}>
            {cancelled ? 'Cancelled' : 'Moved'}
          </Badge>
        )}
      </Subtitle2>
      <Body1>{lessonWhen(item, timeZone)}</Body1>
      <Body1>{lessonPeople(item)}</Body1>
      {cancelled ? (
        <Body1>This lesson is cancelled.</Body1>
      ) : (
        <div className={styles.actions}>
          <Button {...restoreFocus} aria-label={`Move lesson: ${item.title}`} onClick={onMove}>
            Move lesson
          </Button>
          <Button {...restoreFocus} aria-label={`Cancel lesson: ${item.title}`} onClick={onCancel}>
            Cancel lesson
          </Button>
        </div>
      )}
    </li>
  );
}
