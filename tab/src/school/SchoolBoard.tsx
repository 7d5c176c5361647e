import { Caption1, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { useNow } from '../api/useLessonStatus.js';
import { timeOfDay } from '../components/format.js';
import { LaterToday } from './LaterToday.js';
import { NowList } from './NowList.js';
import { OpenAlerts } from './OpenAlerts.js';
import { SchoolRefusal, refusalOf } from './SchoolRefusal.js';
import { useSchoolNow } from './useSchoolNow.js';

/** The school now, kept up to date: the lessons, then the alerts nobody has taken, then the rest of the day. */
export function SchoolBoard({ api }: { api: Api }): ReactNode {
  const { view, receivedAt, checkedAt, problem, failed, refresh } = useSchoolNow(api);
  const here = useNow(5000);
  if (!view) {
    if (failed !== undefined) return <SchoolRefusal {...refusalOf(failed)} />;
    return <Spinner label="Loading the school view..." />;
  }
  // The server's clock, moved on by what has passed here since it answered.
  const serverTime = (local: number) => view.now + Math.max(0, local - receivedAt);
  const now = serverTime(here);
  return (
    <>
      <Caption1 data-testid="school-checked">
        {view.school.name}. Checked at {timeOfDay(serverTime(checkedAt), view.school.timeZone)}; this page keeps itself
        up to date.
      </Caption1>
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem} What you see may be out of date; Chaperone keeps trying.</MessageBarBody>
        </MessageBar>
      )}
      <NowList view={view} now={now} />
      <OpenAlerts api={api} view={view} now={now} taken={refresh} />
      <LaterToday view={view} />
    </>
  );
}
