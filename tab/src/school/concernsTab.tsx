import { lazy, type ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { LazyPart } from '../components/LazyPart.js';

// Loaded when the DSL opens the section, so the school view's first load stays small.
const ConcernsSection = lazy(() => import('./ConcernsSection.js'));

/** The school view's "Concerns" tab: the concerns section, loaded on demand. */
export function ConcernsTab({ api }: { api: Api }): ReactNode {
  return (
    <LazyPart waiting="Loading the concerns...">
      <ConcernsSection api={api} />
    </LazyPart>
  );
}
