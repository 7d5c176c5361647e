import { Caption1, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { timeOfDay } from './format.js';
import { ROLE_WORDS } from './roleWords.js';

const useStyles = makeStyles({ list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL } });

/** Recent joins and leaves, newest first. */
export function Timeline({ view }: { view: StatusView }): ReactNode {
  const styles = useStyles();
  return (
    <Card aria-label="Presence timeline">
      <Text weight="semibold" as="h2">
        Joins and leaves
      </Text>
      {view.timeline.length === 0 && <Caption1>Nobody has joined yet.</Caption1>}
      <ol className={styles.list} data-testid="timeline">
        {view.timeline.map((t, i) => (
          <li key={`${t.personId}-${t.at}-${i}`}>
            <Caption1>
              {timeOfDay(t.at, view.school.timeZone)} {t.name} ({ROLE_WORDS[t.role]}){' '}
              {t.type === 'join' ? 'joined' : 'left'}
            </Caption1>
          </li>
        ))}
      </ol>
    </Card>
  );
}
