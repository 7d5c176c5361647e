import { Button, Caption1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState, useTransition, type ReactNode } from 'react';
import { saveFile } from './saveFile.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  problem: { color: tokens.colorStatusDangerForeground1 },
});

/** One file a button downloads: fetched with the sign-in token (a plain link could not carry it), then saved. */
export interface DownloadChoice {
  label: string;
  name: string;
  fetch(): Promise<Blob>;
}

/** Download buttons with one busy state and a sentence when a download fails (`failed` says what could not). */
export function DownloadButtons({ choices, failed }: { choices: DownloadChoice[]; failed: string }): ReactNode {
  const styles = useStyles();
  const [busy, startTransition] = useTransition();
  const [problem, setProblem] = useState<string>();
  const download = (choice: DownloadChoice) =>
    startTransition(async () => {
      try {
        saveFile(await choice.fetch(), choice.name);
        setProblem(undefined);
      } catch (err) {
        setProblem(err instanceof Error ? err.message : failed);
      }
    });
  return (
    <div className={styles.row}>
      {choices.map((choice) => (
        <Button key={choice.name} disabled={busy} onClick={() => download(choice)}>
          {choice.label}
        </Button>
      ))}
      {busy && <Spinner size="tiny" label="Preparing the file..." />}
      {problem && (
        <Caption1 role="alert" className={styles.problem}>
          {problem}
        </Caption1>
      )}
    </div>
  );
}
