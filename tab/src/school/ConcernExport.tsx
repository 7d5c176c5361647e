import { Button, Caption1, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useState, useTransition, type ReactNode } from 'react';
import type { Api } from '../api/client.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  problem: { color: tokens.colorStatusDangerForeground1 },
});

const FORMATS = [
  ['csv', 'Download for CPOMS or MyConcern (CSV)'],
  ['md', 'Download as a document (Markdown)'],
] as const;

/** Downloads the concern's whole record, as the chat's "export" does, to file in the school's own system. */
export function ConcernExport({ api, concernRef }: { api: Api; concernRef: string }): ReactNode {
  const styles = useStyles();
  const [busy, startTransition] = useTransition();
  const [problem, setProblem] = useState<string>();
  const download = (format: 'csv' | 'md') =>
    startTransition(async () => {
      try {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(await api.exportConcern(concernRef, format));
        link.download = `${concernRef}.${format}`;
        link.click();
        // Released once the browser has surely read it (revoking at once can cancel the download).
        setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
        setProblem(undefined);
      } catch (err) {
        setProblem(err instanceof Error ? err.message : 'The record could not be downloaded; try again.');
      }
    });
  return (
    <div className={styles.row}>
      {FORMATS.map(([format, label]) => (
        <Button key={format} disabled={busy} onClick={() => download(format)}>
          {label}
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
