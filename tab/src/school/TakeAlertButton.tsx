import { Button, Caption1, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useState, useTransition, type ReactNode } from 'react';
import { ApiError, type Api, type OpenAlert } from '../api/client.js';
import { timeOfDay } from '../components/format.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  problem: { color: tokens.colorStatusDangerForeground1 },
});

type Outcome =
  | { kind: 'open' }
  | { kind: 'mine'; at: number }
  | { kind: 'theirs'; name: string; at: number }
  | { kind: 'failed'; message: string };

/**
 * "I'm dealing with it" for one alert: busy while it is sent; then what the server said (you have
 * it, or who had it first). The alert leaves the list with the next poll, which `taken` asks for.
 */
export function TakeAlertButton({
  api,
  alert,
  timeZone,
  taken,
}: {
  api: Api;
  alert: OpenAlert;
  timeZone: string;
  taken(): void;
}): ReactNode {
  const styles = useStyles();
  const [busy, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'open' });

  const take = () =>
    startTransition(async () => {
      try {
        const answer = await api.takeAlert(alert);
        setOutcome(
          answer.outcome === 'taken'
            ? { kind: 'mine', at: answer.at }
            : { kind: 'theirs', name: answer.name, at: answer.at },
        );
        taken();
      } catch (err) {
        // Over (what caused it stopped, or it was raised again): the next poll shows what is open now.
        if (err instanceof ApiError && err.status === 410) taken();
        setOutcome({ kind: 'failed', message: err instanceof Error ? err.message : 'That did not work; try again.' });
      }
    });

  if (outcome.kind !== 'open' && outcome.kind !== 'failed')
    return (
      <Text weight="semibold" role="status" data-testid="alert-taken">
        {outcome.kind === 'mine' ? 'You are' : `${outcome.name} is`} dealing with it (since{' '}
        {timeOfDay(outcome.at, timeZone)}).
      </Text>
    );
  return (
    <div className={styles.row}>
      <Button appearance="primary" disabled={busy} onClick={take} icon={busy ? <Spinner size="tiny" /> : undefined}>
        I&apos;m dealing with it
      </Button>
      {outcome.kind === 'failed' && (
        <Caption1 role="alert" className={styles.problem}>
          {outcome.message}
        </Caption1>
      )}
    </div>
  );
}
