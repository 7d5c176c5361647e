import {
  Badge,
  Body1,
  Caption1,
  Link,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, useTransition, type ReactNode } from 'react';
import type { Api, LessonSearchQuery, PastLessonsView } from '../api/client.js';
import { formatLessonTime } from '../../../bot/src/app/time.js';
import { LessonSearchForm } from './LessonSearchForm.js';
import { openRecordInTeams, recordViewUrl, teamsAppId } from './openRecord.js';
import { lessonNotes } from './reportWords.js';
import { SchoolRefusal, refusalOf, type Refusal } from './SchoolRefusal.js';

const useStyles = makeStyles({
  section: { display: 'grid', gap: tokens.spacingVerticalM },
  notes: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

type Load = { kind: 'loading' } | { kind: 'ready'; view: PastLessonsView } | ({ kind: 'refused' } & Refusal);

/** "Lessons": past lessons, searched by dates, organizer, title and serious alerts; each opens its record. */
export default function LessonsSection({ api }: { api: Api }): ReactNode {
  const styles = useStyles();
  const [query, setQuery] = useState<LessonSearchQuery>({});
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [searching, startSearch] = useTransition();
  const [appId, setAppId] = useState<string>();
  useEffect(() => void teamsAppId().then(setAppId), []);
  useEffect(() => {
    let cancelled = false;
    startSearch(async () => {
      try {
        const view = await api.schoolLessons(query);
        if (!cancelled) setLoad({ kind: 'ready', view });
      } catch (err) {
        if (!cancelled) setLoad({ kind: 'refused', ...refusalOf(err) });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api, query]);

  const view = load.kind === 'ready' ? load.view : undefined;
  return (
    <section className={styles.section} aria-label="Lessons" data-testid="school-lessons">
      <LessonSearchForm from={view?.from} to={view?.to} busy={searching} onSearch={setQuery} />
      {load.kind === 'loading' && <Spinner label="Finding the lessons..." />}
      {load.kind === 'refused' && <SchoolRefusal title={load.title} message={load.message} />}
      {view && (
        <>
          <Caption1 role="status">
            {view.lessons.length === 0
              ? 'No lessons match. Try other dates or clear the search.'
              : `${view.lessons.length} lesson${view.lessons.length === 1 ? '' : 's'}, newest first.` +
                (view.more ? ' Only the newest are listed: narrow the dates to see the rest.' : '')}
          </Caption1>
          {view.lessons.length > 0 && (
            <Table aria-label="Past lessons" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Lesson</TableHeaderCell>
                  <TableHeaderCell>Started</TableHeaderCell>
                  <TableHeaderCell>Organizer</TableHeaderCell>
                  <TableHeaderCell>What stood out</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.lessons.map((lesson) => (
                  <TableRow key={lesson.meetingId} data-testid="past-lesson">
                    <TableCell>
                      <Link
                        href={recordViewUrl(lesson.meetingId)}
                        target="_blank"
                        onClick={(e) => openRecordInTeams(appId, lesson.meetingId) && e.preventDefault()}
                      >
                        {lesson.title}
                      </Link>
                    </TableCell>
                    <TableCell>
                      {formatLessonTime(lesson.startedAt, view.timeZone)}
                      {lesson.live ? ' (running now)' : ''}
                    </TableCell>
                    <TableCell>{lesson.organizerName ?? 'Not known'}</TableCell>
                    <TableCell>
                      <div className={styles.notes}>
                        {lessonNotes(lesson).map((note) => (
                          <Badge key={note.text} appearance="tint" color={note.serious ? 'danger' : 'informative'}>
                            {note.text}
                          </Badge>
                        ))}
                        {lessonNotes(lesson).length === 0 && <Body1>Nothing</Body1>}
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </section>
  );
}
