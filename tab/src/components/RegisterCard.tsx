import { Badge, Button, Caption1, Card, makeStyles, Text, ToggleButton, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';

const CHECK_LABELS: Record<string, string> = { consent: 'Consent', parentPresent: 'Parent/carer present', communalRoom: 'Communal room' };

const useStyles = makeStyles({
  row: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/** Register actions the card reports to the panel. */
export interface RegisterActions {
  onCheck(pupilId: string, check: string, value: boolean): void;
  onMark(pupilId: string, mark: 'present' | 'left'): void;
}

/** Each pupil with present/left and the checks the policy asks for, each one click to record. */
export function RegisterCard({ view, onCheck, onMark, onDownload }: { view: StatusView; onDownload: () => void } & RegisterActions): ReactNode {
  const styles = useStyles();
  return (
    <Card aria-label="Register">
      <div className={styles.line}>
        <Text weight="semibold" as="h2" style={{ flex: 1 }}>Register</Text>
        <Button size="small" onClick={onDownload}>Download CSV</Button>
      </div>
      {view.register.length === 0 && <Text>No pupils have joined yet.</Text>}
      {view.register.map((row) => {
        const mark = row.mark ?? (row.presentNow ? 'present' : 'left');
        return (
          <div key={row.id} className={styles.row} role="group" aria-label={`Register for ${row.name}`}>
            <div className={styles.line}>
              <Text weight="semibold">{row.name}</Text>
              <Badge appearance="outline" color={row.presentNow ? 'success' : 'subtle'}>{row.presentNow ? 'In the meeting' : 'Not in the meeting'}</Badge>
            </div>
            <div className={styles.line}>
              {view.pupilChecks.map((check) => {
                const on = row.checks[check] === true;
                const stamp = row.checkStamps[check];
                return (
                  <ToggleButton key={check} size="small" checked={on} appearance={on ? 'primary' : 'secondary'} onClick={() => onCheck(row.id, check, !on)}
                    title={stamp ? `Recorded by ${stamp.byName}` : 'Not recorded yet'} aria-label={`${CHECK_LABELS[check]} for ${row.name}`}>
                    {on ? '✓ ' : ''}{CHECK_LABELS[check]}
                  </ToggleButton>
                );
              })}
            </div>
            <div className={styles.line}>
              <Caption1>Mark:</Caption1>
              <ToggleButton size="small" checked={mark === 'present'} onClick={() => onMark(row.id, 'present')} aria-label={`Mark ${row.name} present`}>Present</ToggleButton>
              <ToggleButton size="small" checked={mark === 'left'} onClick={() => onMark(row.id, 'left')} aria-label={`Mark ${row.name} as left`}>Left</ToggleButton>
              {row.markStamp && <Caption1>by {row.markStamp.byName}</Caption1>}
            </div>
          </div>
        );
      })}
    </Card>
  );
}
