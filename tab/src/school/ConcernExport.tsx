import type { ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { DownloadButtons } from './DownloadButtons.js';

const FORMATS = [
  ['csv', 'Download for CPOMS or MyConcern (CSV)'],
  ['md', 'Download as a document (Markdown)'],
] as const;

/** Downloads the concern's whole record, as the chat's "export" does, to file in the school's own system. */
export function ConcernExport({ api, concernRef }: { api: Api; concernRef: string }): ReactNode {
  const choices = FORMATS.map(([format, label]) => ({
    label,
    name: `${concernRef}.${format}`,
    fetch: () => api.exportConcern(concernRef, format),
  }));
  return <DownloadButtons choices={choices} failed="The record could not be downloaded; try again." />;
}
