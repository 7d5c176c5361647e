import { Body1, Button, Title3 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { isTeamsAppId, lessonRecordLink, meetingIdOfSubEntity } from '../../../bot/src/teams/alerts/recordLink.js';
import { Page } from '../components/Page.js';

/** Shown when the page is opened outside Teams (a plain browser tab): it only works inside Teams. */
export function OpenInTeams(): ReactNode {
  const params = new URLSearchParams(window.location.search);
  if (params.get('context') === 'record') return <RecordInTeams params={params} />;
  return (
    <Page>
      <Title3 as="h1">Open this in Microsoft Teams</Title3>
      <Body1 as="p">
        Chaperone's panel works inside a Teams lesson meeting. Join the meeting in Teams and open Chaperone from the
        meeting's apps.
      </Body1>
    </Page>
  );
}

/**
 * A lesson record opened in a browser: the way on is the same record in Teams (a deep link, when the
 * address says which app and lesson), where the person is signed in with their school account.
 */
function RecordInTeams({ params }: { params: URLSearchParams }): ReactNode {
  const app = params.get('app') ?? '';
  const lesson = params.get('lesson');
  const meetingId = params.get('meetingId') || (lesson ? meetingIdOfSubEntity(lesson) : undefined);
  const link = isTeamsAppId(app) && meetingId ? lessonRecordLink(app, meetingId) : undefined;
  return (
    <Page label="Open the lesson record in Teams">
      <Title3 as="h1">Open the lesson record in Teams</Title3>
      <Body1 as="p">
        Lesson records open inside Microsoft Teams, because that is where you sign in with your school account and
        Chaperone checks you may see this lesson.
      </Body1>
      {link ? (
        <Button as="a" appearance="primary" href={link} target="_top">
          Open the lesson record in Teams
        </Button>
      ) : (
        <>
          <Body1 as="p">
            Open Teams, then use the "Open the lesson record" button on the Chaperone alert or summary that sent you
            here.
          </Body1>
          <Button as="a" appearance="primary" href="https://teams.microsoft.com/" target="_top">
            Open Microsoft Teams
          </Button>
        </>
      )}
    </Page>
  );
}
