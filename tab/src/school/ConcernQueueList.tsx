import { Badge, Body1, Button, Caption1, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ConcernQueueView } from '../api/client.js';
import { loggedWords, stateBadges } from './concernWords.js';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  card: { gap: tokens.spacingVerticalXS },
  heading: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  open: { alignSelf: 'flex-start' },
});

/** The queue, in the order the server gave (urgent, then not acknowledged, then the longest waiting). */
export function ConcernQueueList({
  view,
  empty,
  onOpen,
}: {
  view: ConcernQueueView;
  empty: string;
  onOpen(ref: string): void;
}): ReactNode {
  const styles = useStyles();
  if (view.concerns.length === 0) return <Body1 as="p">{empty}</Body1>;
  return (
    <ul className={styles.list} aria-label="Concerns">
      {view.concerns.map((item) => (
        <li key={item.ref} data-testid="concern-row">
          <Card className={styles.card}>
            <div className={styles.heading}>
              <Text weight="semibold" as="h3">
                {item.pupil}: {item.categoryLabel}
              </Text>
              {stateBadges(item).map((badge) => (
                <Badge key={badge.text} appearance="tint" color={badge.color}>
                  {badge.text}
                </Badge>
              ))}
            </div>
            <Caption1>
              {loggedWords(item, view.timeZone)}.{item.level ? ` Level: ${item.level}.` : ''}
            </Caption1>
            <Button className={styles.open} onClick={() => onOpen(item.ref)}>
              Open {item.ref}
            </Button>
          </Card>
        </li>
      ))}
    </ul>
  );
}
