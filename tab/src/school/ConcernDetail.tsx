import {
  Badge,
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type { Api, ConcernDetailView } from '../api/client.js';
import { ConcernChronology } from './ConcernChronology.js';
import { ConcernExport } from './ConcernExport.js';
import { ConcernTriage } from './ConcernTriage.js';
import { dayAndTime, loggedWords, stateBadges } from './concernWords.js';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  back: { alignSelf: 'start' },
});

type Load = { view?: ConcernDetailView; problem?: string };

/** One concern: where it stands, the DSL's next steps, the export, and the whole chronology. */
export function ConcernDetail({
  api,
  concernRef,
  onBack,
}: {
  api: Api;
  concernRef: string;
  onBack(): void;
}): ReactNode {
  const styles = useStyles();
  const [load, setLoad] = useState<Load>({});
  useEffect(() => {
    let stale = false;
    api.schoolConcern(concernRef).then(
      (view) => !stale && setLoad({ view }),
      (err: unknown) =>
        !stale && setLoad({ problem: err instanceof Error ? err.message : 'The concern could not be loaded.' }),
    );
    return () => {
      stale = true;
    };
  }, [api, concernRef]);

  const { view, problem } = load;
  return (
    <section aria-labelledby="concern-heading" className={styles.column} data-testid="concern-detail">
      <Button className={styles.back} appearance="subtle" onClick={onBack}>
        Back to the concerns
      </Button>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      {!view && !problem && <Spinner label={`Loading ${concernRef}...`} />}
      {view && (
        <>
          <div className={styles.heading}>
            <Subtitle2 as="h2" id="concern-heading">
              {view.pupil}: {view.categoryLabel}
            </Subtitle2>
            {stateBadges(view).map((badge) => (
              <Badge key={badge.text} appearance="tint" color={badge.color}>
                {badge.text}
              </Badge>
            ))}
          </div>
          <Caption1>
            {view.ref}. {loggedWords({ loggedAt: view.loggedAt, reporter: view.reporter }, view.timeZone)}. Lesson:{' '}
            {view.lessonWords}.
          </Caption1>
          <Body1 data-testid="concern-standing">
            {view.acknowledgements.length === 0
              ? 'Not acknowledged yet: the member of staff who logged it does not know it has been read.'
              : view.acknowledgements
                  .map((a) => `Acknowledged by ${a.name}, ${dayAndTime(a.at, view.timeZone)}.`)
                  .join(' ')}{' '}
            Level: {view.level ?? 'not set yet'}.{view.outcome !== undefined ? ` Closed: ${view.outcome}` : ''}
          </Body1>
          {view.status === 'open' && (
            <ConcernTriage api={api} view={view} changed={(next) => setLoad({ view: next })} />
          )}
          <ConcernExport api={api} concernRef={view.ref} />
          <ConcernChronology view={view} />
        </>
      )}
    </section>
  );
}
