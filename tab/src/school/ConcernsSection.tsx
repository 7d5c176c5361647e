import { Body1, Button, MessageBar, MessageBarBody, Spinner, Subtitle2 } from '@fluentui/react-components';
import { useEffect, useState, useTransition, type ReactNode } from 'react';
import { ApiError, type Api, type ConcernQueueView } from '../api/client.js';
import { ConcernDetail } from './ConcernDetail.js';
import { ConcernFilters, isFiltered, NO_FILTER, type ConcernFilterValues } from './ConcernFilters.js';
import { ConcernQueueList } from './ConcernQueueList.js';
import { emptyQueueWords } from './concernWords.js';

/** Typing in a filter asks the server once the DSL pauses, not at every key. */
const TYPING_PAUSE_MS = 300;

type Load = { view?: ConcernQueueView; failed?: unknown };

/**
 * The school view's "Concerns" section, for the DSL: the queue (urgent first, then not acknowledged,
 * then the longest waiting) with its filters; a concern opens as its chronology with the triage steps.
 * Anyone else sees the server's sentence on who sees concerns.
 */
export default function ConcernsSection({ api }: { api: Api }): ReactNode {
  const [filter, setFilter] = useState<ConcernFilterValues>(NO_FILTER);
  const [opened, setOpened] = useState<string>();
  const [load, setLoad] = useState<Load>({});
  const [loading, startLoading] = useTransition();
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (opened) return undefined;
    let stale = false;
    const timer = setTimeout(
      () =>
        startLoading(async () => {
          try {
            const view = await api.schoolConcerns(filter);
            if (!stale) setLoad({ view });
          } catch (failed) {
            if (!stale) setLoad((l) => ({ ...l, failed }));
          }
        }),
      TYPING_PAUSE_MS,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [api, filter, opened, asked]);

  if (load.failed instanceof ApiError && load.failed.status === 403) return <Body1 as="p">{load.failed.message}</Body1>;
  if (opened) return <ConcernDetail api={api} concernRef={opened} onBack={() => setOpened(undefined)} />;
  return (
    <section aria-labelledby="school-concerns" aria-busy={loading}>
      <Subtitle2 as="h2" id="school-concerns" block>
        Concerns
      </Subtitle2>
      <ConcernFilters values={filter} onChange={setFilter} />
      {load.failed !== undefined && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            {load.failed instanceof Error ? load.failed.message : 'The concerns could not be loaded.'}{' '}
            <Button size="small" onClick={() => setAsked((n) => n + 1)}>
              Try again
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {load.view ? (
        <ConcernQueueList
          view={load.view}
          empty={emptyQueueWords(isFiltered(filter), filter.status)}
          onOpen={(ref) => setOpened(ref)}
        />
      ) : (
        load.failed === undefined && <Spinner label="Loading the concerns..." />
      )}
    </section>
  );
}
