import type { ReactNode } from 'react';
import type { Api } from '../api/client.js';
import { DownloadButtons } from './DownloadButtons.js';

/** "Download CSV": the week's figures as a spreadsheet. */
export function WeekDownload({ api, start }: { api: Api; start: string }): ReactNode {
  const choice = { label: 'Download CSV', name: `chaperone-week-${start}.csv`, fetch: () => api.schoolWeekCsv(start) };
  return <DownloadButtons choices={[choice]} failed="The week could not be downloaded; try again." />;
}
