import { lazy, type ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { LazyPart } from '../components/LazyPart.js';

// Loaded when someone opens the section, so the school view's first load stays small.
const LessonsSection = lazy(() => import('./LessonsSection.js'));
const WeekSection = lazy(() => import('./WeekSection.js'));

/** The school view's "Lessons" tab: past lessons, searched, loaded on demand. */
export function LessonsTab({ api }: { api: Api }): ReactNode {
  return (
    <LazyPart waiting="Loading the lessons...">
      <LessonsSection api={api} />
    </LazyPart>
  );
}

/** The school view's "This week" tab: the week's report, loaded on demand. */
export function WeekTab({ api }: { api: Api }): ReactNode {
  return (
    <LazyPart waiting="Loading this week...">
      <WeekSection api={api} />
    </LazyPart>
  );
}
