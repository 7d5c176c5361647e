import { Caption1, Card, CardHeader, ProgressBar, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { clock } from './format.js';

/** Elapsed time against the policy's limit, with a countdown; ticks locally between polls. */
export function LessonTimer({ view, now, receivedAt }: { view: StatusView; now: number; receivedAt: number }): ReactNode {
  const { timer } = view;
  const drift = view.endedAt === undefined ? Math.max(0, now - receivedAt) : 0;
  const elapsed = timer.elapsedMs === undefined ? undefined : timer.elapsedMs + drift;
  const limitMs = timer.limitMinutes * 60_000;
  const remaining = elapsed === undefined ? undefined : limitMs - elapsed;
  const warnMs = Math.max(0, ...timer.countdownMinutes) * 60_000;
  const kind = timer.kind === 'lesson' ? 'Lesson with pupils' : 'Staff-only meeting';
  const state = remaining === undefined ? 'Not started' : remaining <= 0 ? `Over the limit by ${clock(-remaining)}` : `${clock(remaining)} left`;
  return (
    <Card aria-label="Lesson timer">
      <CardHeader header={<Text weight="semibold">{elapsed === undefined ? 'Waiting for the lesson to start' : `${clock(elapsed)} elapsed`}</Text>} description={<Caption1>{timer.enabled ? `${kind}: limit ${timer.limitMinutes} min` : `${kind}: no time limit`}</Caption1>} />
      {timer.enabled && remaining !== undefined && (
        <>
          <ProgressBar
            value={Math.min(1, (elapsed ?? 0) / limitMs)}
            color={remaining <= 0 ? 'error' : remaining <= warnMs ? 'warning' : 'brand'}
            aria-label="Time used of the lesson limit"
          />
          <Text role="timer" aria-live="off" weight={remaining <= warnMs ? 'semibold' : 'regular'}>
            {state}
          </Text>
        </>
      )}
    </Card>
  );
}
