import {
  Badge,
  Body1,
  Caption1,
  Card,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { meetingIdOfSubEntity } from '../../../bot/src/teams/alerts/recordLink.js';
import { ApiError, type Api, type LessonRecordView } from '../api/client.js';
import { Page } from '../components/Page.js';

const BADGES = {
  critical: { label: 'Serious', color: 'danger' },
  warning: { label: 'Warning', color: 'warning' },
  info: { label: 'Reminder', color: 'informative' },
} as const;

const useStyles = makeStyles({
  entries: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalSNudge },
});

const WHICH_LESSON =
  'Open a lesson record from the link in a Chaperone alert or summary; this page does not know which lesson to show.';

/**
 * The lesson a record page is about: `?meetingId=` (a plain link), else `?lesson=` (the deep link's
 * sub-entity, through the static tab's content URL), else the sub-entity Teams gives in the context,
 * else the meeting the tab is open in.
 */
function recordMeetingId(
  search: string,
  subPageId: string | undefined,
  inMeeting: string | undefined,
): string | undefined {
  const params = new URLSearchParams(search);
  // A `lesson` Teams left as its unfilled placeholder decodes to nothing, and the context's sub-entity is tried.
  const fromLink = [params.get('lesson'), subPageId]
    .map((sub) => (sub ? meetingIdOfSubEntity(sub) : undefined))
    .find(Boolean);
  return params.get('meetingId') || fromLink || inMeeting;
}

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; record: LessonRecordView }
  | { kind: 'refused'; title: string; message: string };

/**
 * The lesson record: everything that happened in one lesson, in order, for staff who were in it and
 * the safeguarding team. `inMeeting`: the meeting the tab is open in, for a record opened from a lesson.
 */
export default function LessonRecord({
  api,
  inMeeting,
  subPageId,
}: {
  api: Api;
  inMeeting: string | undefined;
  subPageId?: string | undefined;
}): ReactNode {
  const styles = useStyles();
  const meetingId = recordMeetingId(window.location.search, subPageId, inMeeting);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    if (!meetingId) return;
    let cancelled = false;
    api.lessonRecord(meetingId).then(
      (record) => !cancelled && setLoad({ kind: 'ready', record }),
      (err: unknown) => !cancelled && setLoad(refusal(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, meetingId]);

  if (!meetingId) {
    return <Refused title="Which lesson?" message={WHICH_LESSON} />;
  }
  if (load.kind === 'loading')
    return (
      <Page>
        <Spinner label="Loading the lesson record..." />
      </Page>
    );
  if (load.kind === 'refused') return <Refused title={load.title} message={load.message} />;
  const { record } = load;
  return (
    <Page label="Lesson record">
      <Title3 as="h1">{record.title}: lesson record</Title3>
      <Body1 as="p">
        {record.date ? `${record.date}. ` : ''}Times are the school&apos;s ({record.timeZone}).
        {record.inProgress ? ' The lesson has not ended yet: this is the record so far.' : ''}
      </Body1>
      <Card>
        <Text weight="semibold" as="h2">
          What happened
        </Text>
        {record.entries.length === 0 && <Caption1>Nothing has been recorded for this lesson yet.</Caption1>}
        <ol className={styles.entries} data-testid="lesson-record">
          {record.entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`} data-kind={entry.kind}>
              <Body1>
                <Text weight="semibold">{entry.time}</Text>{' '}
                {entry.severity && (
                  <Badge appearance="tint" color={BADGES[entry.severity].color}>
                    {BADGES[entry.severity].label}
                  </Badge>
                )}{' '}
                {entry.text}
              </Body1>
            </li>
          ))}
        </ol>
      </Card>
    </Page>
  );
}

function refusal(err: unknown): Load {
  if (err instanceof ApiError && err.status === 403)
    return { kind: 'refused', title: 'You cannot open this lesson record', message: err.message };
  if (err instanceof ApiError && err.status === 404)
    return { kind: 'refused', title: 'No record of this lesson', message: err.message };
  return {
    kind: 'refused',
    title: 'The lesson record could not be loaded',
    message: err instanceof Error ? err.message : 'Reopen the page and try again.',
  };
}

function Refused({ title, message }: { title: string; message: string }): ReactNode {
  return (
    <Page label="Lesson record">
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>{title}</MessageBarTitle>
          {message}
        </MessageBarBody>
      </MessageBar>
    </Page>
  );
}
