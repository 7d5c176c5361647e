import { Body1, Spinner, Tab, TabList, Title3 } from '@fluentui/react-components';
import { lazy, useEffect, useState, type ReactNode } from 'react';
import { ApiError, type Api, type Booker, type SchoolViewer } from '../api/client.js';
import { LazyPart } from '../components/LazyPart.js';
import { Page } from '../components/Page.js';
import { SchoolBoard } from '../school/SchoolBoard.js';
import { ConcernsTab } from '../school/concernsTab.js';
import { LessonsTab, WeekTab } from '../school/reportTabs.js';
import { SchoolRefusal, refusalOf, type Refusal } from '../school/SchoolRefusal.js';

// Loaded only when opened: most visits to the school view never book.
const BookLesson = lazy(() => import('../booking/BookLesson.js'));

/** "Book a lesson", loaded on demand; `booker` when already asked. */
function bookLesson(api: Api, booker?: Booker): ReactNode {
  return (
    <LazyPart waiting="Loading the booking form...">
      <BookLesson api={api} booker={booker} />
    </LazyPart>
  );
}

const AS_WORDS: Record<SchoolViewer['as'], string> = {
  dsl: 'Designated Safeguarding Lead',
  deputy: 'deputy DSL',
  slt: 'senior leadership team',
};

/** The parts of the school view, in the order of its tabs. */
const SECTIONS: Array<{ id: string; label: string; render(api: Api, viewer: SchoolViewer): ReactNode }> = [
  { id: 'now', label: 'Now', render: (api) => <SchoolBoard api={api} /> },
  { id: 'concerns', label: 'Concerns', render: (api) => <ConcernsTab api={api} /> },
  { id: 'lessons', label: 'Lessons', render: (api) => <LessonsTab api={api} /> },
  { id: 'week', label: 'This week', render: (api) => <WeekTab api={api} /> },
  { id: 'book', label: 'Book a lesson', render: (api) => bookLesson(api) },
];

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; viewer: SchoolViewer }
  | { kind: 'bookOnly'; booker: Booker }
  | ({ kind: 'refused' } & Refusal);

/** Staff who are not on the safeguarding team may still book lessons here; anyone else is refused. */
async function afterRefusal(api: Api, err: unknown): Promise<Load> {
  if (!(err instanceof ApiError && err.status === 403)) return { kind: 'refused', ...refusalOf(err) };
  return api.booker().then(
    (booker): Load => ({ kind: 'bookOnly', booker }),
    (): Load => ({ kind: 'refused', ...refusalOf(err) }),
  );
}

/**
 * The school view (the personal "Safeguarding" tab): every lesson live now or starting within the
 * hour and every serious alert nobody has taken, for the DSL, deputies and senior leaders only.
 */
export default function SchoolView({ api, section: opened }: { api: Api; section?: string | undefined }): ReactNode {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  // A deep link names its section (the `book` command's card opens "Book a lesson").
  const [section, setSection] = useState(SECTIONS.some((s) => s.id === opened) ? opened! : SECTIONS[0]!.id);
  useEffect(() => {
    let cancelled = false;
    api.schoolViewer().then(
      (viewer) => !cancelled && setLoad({ kind: 'ready', viewer }),
      (err: unknown) => afterRefusal(api, err).then((next) => !cancelled && setLoad(next)),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  return (
    <Page label={load.kind === 'bookOnly' ? 'Book a lesson' : 'Safeguarding: the school now'}>
      {load.kind === 'loading' && <Spinner label="Loading the school view..." />}
      {load.kind === 'refused' && <SchoolRefusal title={load.title} message={load.message} />}
      {load.kind === 'bookOnly' && (
        <>
          <Title3 as="h1">Book a lesson</Title3>
          {bookLesson(api, load.booker)}
        </>
      )}
      {load.kind === 'ready' && (
        <>
          <Title3 as="h1">Safeguarding: the school now</Title3>
          <Body1 as="p">
            {load.viewer.name}, {AS_WORDS[load.viewer.as]}: lessons with pupils and no adult are at the top.
          </Body1>
          {SECTIONS.length > 1 && (
            <TabList selectedValue={section} onTabSelect={(_, data) => setSection(String(data.value))}>
              {SECTIONS.map((s) => (
                <Tab key={s.id} value={s.id}>
                  {s.label}
                </Tab>
              ))}
            </TabList>
          )}
          {SECTIONS.find((s) => s.id === section)?.render(api, load.viewer)}
        </>
      )}
    </Page>
  );
}
