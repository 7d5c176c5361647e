import { Button, Caption1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState, useTransition, type ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { saveFile } from './saveFile.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  problem: { color: tokens.colorStatusDangerForeground1 },
});

/** "Download CSV": the week's figures as a spreadsheet (fetched with the sign-in token, then saved). */
export function WeekDownload({ api, start }: { api: Api; start: string }): ReactNode {
  const styles = useStyles();
  const [busy, startTransition] = useTransition();
  const [problem, setProblem] = useState<string>();
  const download = () =>
    startTransition(async () => {
      try {
        saveFile(await api.schoolWeekCsv(start), `chaperone-week-${start}.csv`);
        setProblem(undefined);
      } catch (err) {
        setProblem(err instanceof Error ? err.message : 'The week could not be downloaded; try again.');
      }
    });
  return (
    <div className={styles.row}>
      <Button disabled={busy} onClick={download}>
        Download CSV
      </Button>
      {busy && <Spinner size="tiny" label="Preparing the file..." />}
      {problem && (
        <Caption1 role="alert" className={styles.problem}>
          {problem}
        </Caption1>
      )}
    </div>
  );
}
