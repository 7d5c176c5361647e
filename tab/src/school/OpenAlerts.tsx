import {
  Body1,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Api, SchoolNowView } from '../api/client.js';
import { timeOfDay } from '../components/format.js';
import { howLongAgo, reachWords } from './schoolWords.js';
import { TakeAlertButton } from './TakeAlertButton.js';

const useStyles = makeStyles({
  list: { display: 'grid', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  body: { display: 'grid', gap: tokens.spacingVerticalXS },
});

/**
 * Every critical alert nobody has taken yet, oldest first: what happened, when, how far it reached,
 * and "I'm dealing with it".
 */
export function OpenAlerts({
  api,
  view,
  now,
  taken,
}: {
  api: Api;
  view: SchoolNowView;
  now: number;
  taken(): void;
}): ReactNode {
  const styles = useStyles();
  const tz = view.school.timeZone;
  return (
    <section aria-labelledby="school-alerts">
      <Subtitle2 as="h2" id="school-alerts" block>
        Open alerts
      </Subtitle2>
      {view.alerts.length === 0 ? (
        <Body1 as="p">No serious alert is waiting for someone to take it. The school is quiet.</Body1>
      ) : (
        <ul className={styles.list} aria-label="Open alerts" aria-live="polite">
          {view.alerts.map((alert) => (
            <li key={`${alert.meetingId}/${alert.findingKey}/${alert.raisedAt}`} data-testid="school-alert">
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody className={styles.body}>
                  <MessageBarTitle>
                    {alert.lessonTitle}: {alert.message}
                  </MessageBarTitle>
                  <Caption1>
                    Raised at {timeOfDay(alert.raisedAt, tz)}, {howLongAgo(alert.raisedAt, now)}.{' '}
                    {reachWords(alert.reach)}
                  </Caption1>
                  <Body1>{alert.action}</Body1>
                  <TakeAlertButton api={api} alert={alert} timeZone={tz} taken={taken} />
                </MessageBarBody>
              </MessageBar>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
