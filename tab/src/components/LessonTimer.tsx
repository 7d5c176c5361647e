import { Caption1, Card, CardHeader, ProgressBar, Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { clock, timeOfDay } from './format.js';

/**
 * Elapsed time against the policy's limit, with a countdown; ticks locally between polls. Once the lesson has ended,
 * when it ended and how long it lasted.
 */
export function LessonTimer({
  view,
  now,
  receivedAt,
}: {
  view: StatusView;
  now: number;
  receivedAt: number;
}): ReactNode {
  if (view.endedAt !== undefined) return <EndedTimer view={view} endedAt={view.endedAt} />;
  const { timer } = view;
  const drift = Math.max(0, now - receivedAt);
  const elapsed = timer.elapsedMs === undefined ? undefined : timer.elapsedMs + drift;
  const limitMs = timer.limitMinutes * 60_000;
  const remaining = elapsed === undefined ? undefined : limitMs - elapsed;
  const warnMs = Math.max(0, ...timer.countdownMinutes) * 60_000;
  const state =
    remaining === undefined
      ? 'Not started'
      : remaining <= 0
        ? `Over the limit by ${clock(-remaining)}`
        : `${clock(remaining)} left`;
  return (
    <Card aria-label="Lesson timer">
      <CardHeader
        header={
          <Text weight="semibold">
            {elapsed === undefined ? 'Waiting for the lesson to start' : `${clock(elapsed)} elapsed`}
          </Text>
        }
        description={<Caption1>{limitWords(view)}</Caption1>}
      />
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

/** An ended lesson: the time it ended (school time), how long it lasted and any time over the limit; no countdown. */
function EndedTimer({ view, endedAt }: { view: StatusView; endedAt: number }): ReactNode {
  const { timer } = view;
  const over = timer.enabled && timer.elapsedMs !== undefined ? timer.elapsedMs - timer.limitMinutes * 60_000 : 0;
  const lasted =
    timer.elapsedMs === undefined
      ? ''
      : `Lasted ${clock(timer.elapsedMs)}${over > 0 ? `, ${clock(over)} over the limit` : ''}. `;
  return (
    <Card aria-label="Lesson timer">
      <CardHeader
        header={<Text weight="semibold">Ended at {timeOfDay(endedAt, view.school.timeZone)}</Text>}
        description={
          <Caption1>
            {lasted}
            {limitWords(view)}
          </Caption1>
        }
      />
    </Card>
  );
}

function limitWords({ timer }: StatusView): string {
  const kind = timer.kind === 'lesson' ? 'Lesson with pupils' : 'Staff-only meeting';
  return timer.enabled ? `${kind}: limit ${timer.limitMinutes} min` : `${kind}: no time limit`;
}
