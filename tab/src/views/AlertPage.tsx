import { Spinner, Text, Title3 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { useLessonStatus } from '../api/useLessonStatus.js';
import { EndReminder } from '../components/EndReminder.js';
import { FindingsList } from '../components/FindingsList.js';
import { timeOfDay } from '../components/format.js';
import { Page } from '../components/Page.js';

/** The page a targeted in-meeting notification opens: the open alerts and what to do, nothing else. */
export default function AlertPage({ api, meetingId }: { api: Api; meetingId: string }): ReactNode {
  const { view } = useLessonStatus(api, meetingId);
  if (!view)
    return (
      <Page>
        <Spinner label="Loading the alert..." />
      </Page>
    );
  const ended = view.endedAt !== undefined;
  return (
    <Page label="Chaperone alert">
      <Title3 as="h1">{view.title || 'Lesson'}: safeguarding alert</Title3>
      {ended && <Text data-testid="lesson-ended">Ended at {timeOfDay(view.endedAt, view.school.timeZone)}</Text>}
      <FindingsList findings={view.findings} timeZone={view.school.timeZone} dslPhone={view.dslPhone} />
      <EndReminder urgent={view.endReminder} ended={ended} />
    </Page>
  );
}
