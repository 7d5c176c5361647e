import {
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { dslDeliveryText } from './dslDeliveryText.js';
import { SEVERITY_INTENT } from './severityIntent.js';
import { PupilChecksAlertCard } from './PupilChecksAlertCard.js';

const useStyles = makeStyles({ alert: { marginBottom: tokens.spacingVerticalS } });

/**
 * Open alerts, most urgent first, each with what to do now in plain words and who has it. The
 * per-pupil checks are one card naming each pupil; other alerts name who they are about. Staff only.
 */
export function FindingsList({
  findings,
  timeZone,
  dslPhone,
}: {
  findings: StatusView['findings'];
  timeZone: string;
  dslPhone?: string;
}): ReactNode {
  const styles = useStyles();
  if (findings.length === 0) return <Text>No policy problems right now.</Text>;
  return (
    <section aria-label="Policy alerts" aria-live="polite">
      {findings.map((f) =>
        f.kind === 'pupilChecks' ? (
          <PupilChecksAlertCard key={f.key} alert={f} timeZone={timeZone} />
        ) : (
          <MessageBar key={f.key} intent={SEVERITY_INTENT[f.severity]} layout="multiline" className={styles.alert}>
            <MessageBarBody>
              <MessageBarTitle>{f.message}</MessageBarTitle>
              {f.action} {dslDeliveryText(f, timeZone, dslPhone)?.text}
              {f.about && <Caption1 block>About: {f.about.join(', ')}</Caption1>}
            </MessageBarBody>
          </MessageBar>
        ),
      )}
    </section>
  );
}
