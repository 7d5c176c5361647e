import {
  FluentProvider,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { lazy, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, createApi, type Api } from './api/client.js';
import { LazyPart, ViewSpinner } from './components/LazyPart.js';
import { connectToTeams, onThemeChange, ssoToken, type TeamsContext, type TeamsTheme } from './teams/teamsHost.js';
import { OpenInTeams } from './views/OpenInTeams.js';
import { Problem } from './views/Problem.js';
import { SidePanel } from './views/SidePanel.js';
import { StaffOnly } from './views/StaffOnly.js';

// Views only some contexts need are loaded on demand, keeping the side panel's first load small.
const DetailsTab = lazy(() => import('./views/DetailsTab.js'));
const ChatTab = lazy(() => import('./views/ChatTab.js'));
const AlertPage = lazy(() => import('./views/AlertPage.js'));
const ConfigTab = lazy(() => import('./views/ConfigTab.js'));
const LessonRecord = lazy(() => import('./views/LessonRecord.js'));
const SchoolView = lazy(() => import('./views/SchoolView.js'));

const THEMES: Record<TeamsTheme, Theme> = {
  default: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

type Boot =
  | { kind: 'connecting' }
  | { kind: 'notInTeams' }
  | { kind: 'staffOnly' }
  | { kind: 'problem'; message: string }
  | { kind: 'config' }
  | { kind: 'ready'; context: TeamsContext; api: Api };

/** Which view a context opens: `?context=` (set in the manifest's URLs) wins over Teams' frame context. */
function viewFor(context: TeamsContext): string {
  return new URLSearchParams(window.location.search).get('context') ?? context.frameContext;
}

/** Connects to Teams, checks the person is staff, and shows the view for where the tab is open. */
export function App(): ReactNode {
  const [boot, setBoot] = useState<Boot>({ kind: 'connecting' });
  const [theme, setTheme] = useState<TeamsTheme>('default');

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let context: TeamsContext;
      try {
        context = await connectToTeams();
      } catch {
        if (!cancelled) setBoot({ kind: 'notInTeams' });
        return;
      }
      setTheme(context.theme);
      onThemeChange(setTheme);
      // Adding the tab to a meeting must work before anyone has signed in to the API.
      if (viewFor(context) === 'config' || context.frameContext === 'settings') {
        if (!cancelled) setBoot({ kind: 'config' });
        return;
      }
      const api = createApi(ssoToken);
      // The school view asks its own question (the safeguarding team, whom the staff list need not name).
      if (viewFor(context) === 'school') {
        if (!cancelled) setBoot({ kind: 'ready', context, api });
        return;
      }
      try {
        const me = await api.me();
        if (!cancelled) setBoot(me.role === 'staff' ? { kind: 'ready', context, api } : { kind: 'staffOnly' });
      } catch (err) {
        if (cancelled) return;
        if (err instanceof ApiError && err.status === 403) setBoot({ kind: 'staffOnly' });
        else
          setBoot({
            kind: 'problem',
            message: err instanceof Error ? err.message : 'Chaperone could not start; reopen the tab.',
          });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const content = useMemo(() => {
    switch (boot.kind) {
      case 'connecting':
        return <ViewSpinner label="Connecting to Teams..." />;
      case 'notInTeams':
        return <OpenInTeams />;
      case 'staffOnly':
        return <StaffOnly />;
      case 'problem':
        return <Problem message={boot.message} />;
      case 'config':
        return <ConfigTab />;
      case 'ready':
        return <ReadyView context={boot.context} api={boot.api} />;
    }
  }, [boot]);

  return (
    // Inline on purpose: the provider gives its className to every portal too (dialogs, menus), where a full-height box
    // would cover the page.
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh' }} data-theme={theme}>
      <LazyPart waiting="Loading..." whole>
        {content}
      </LazyPart>
    </FluentProvider>
  );
}

function ReadyView({ context, api }: { context: TeamsContext; api: Api }): ReactNode {
  const view = viewFor(context);
  const meetingId = context.meetingId;
  // The school view is a personal tab: no meeting.
  if (view === 'school') return <SchoolView api={api} section={context.subPageId} />;
  // The record names its lesson in its own address (a deep link from a DSL card), not only through the meeting it is
  // open in.
  if (view === 'record') return <LessonRecord api={api} inMeeting={meetingId} subPageId={context.subPageId} />;
  if (view === 'details' || (view === 'content' && !meetingId)) return <DetailsTab api={api} />;
  if (!meetingId)
    return <Problem message="This tab works inside a lesson meeting; open it from the meeting's side panel." />;
  if (view === 'alert') return <AlertPage api={api} meetingId={meetingId} />;
  if (view === 'chat') return <ChatTab api={api} meetingId={meetingId} />;
  if (view === 'content') return <DetailsTab api={api} />;
  return <SidePanel api={api} meetingId={meetingId} />;
}
