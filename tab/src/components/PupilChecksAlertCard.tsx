import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { PupilChecksAlert } from '../api/client.js';
import { dslDeliveryText } from './dslDeliveryText.js';
import { SEVERITY_INTENT } from './severityIntent.js';

const useStyles = makeStyles({
  card: { marginBottom: tokens.spacingVerticalS },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

type Row = PupilChecksAlert['pupils'][number];

/** A pupil's lines: each check recorded as no with what to do now, then the checks nobody has recorded yet. */
export function pupilChecksLines(row: Row): string[] {
  return [
    ...row.refused.map((r) => `${row.name}: ${r.words}: ${r.action}`),
    ...(row.missing.length > 0 ? [`${row.name}: ${row.missing.join(', ')}`] : []),
  ];
}

/**
 * Every open per-pupil check as one card: what happened, what to do now, and each pupil by name with what is missing.
 */
export function PupilChecksAlertCard({ alert, timeZone }: { alert: PupilChecksAlert; timeZone: string }): ReactNode {
  const styles = useStyles();
  return (
    <MessageBar
      intent={SEVERITY_INTENT[alert.severity]}
      layout="multiline"
      className={styles.card}
      data-testid="pupil-checks-alert"
    >
      <MessageBarBody>
        <MessageBarTitle>{alert.message}</MessageBarTitle>
        {alert.action}
        <ul className={styles.list} aria-label="Pupils with checks to do">
          {alert.pupils.flatMap((row) => {
            const dealing = dslDeliveryText(row, timeZone)?.text;
            return pupilChecksLines(row).map((line, i) => (
              <li key={`${row.pupilId}:${i}`}>
                {line}
                {dealing ? ` (${dealing.replace(/\.$/, '')})` : ''}
              </li>
            ));
          })}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
