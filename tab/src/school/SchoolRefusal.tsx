import { Body1, Title3 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';

/** What to show instead of the school view, and why. */
export interface Refusal {
  title: string;
  message: string;
}

/** The refusal for an error from the school API: the safeguarding team only (403), or it could not be loaded. */
export function refusalOf(err: unknown): Refusal {
  if (err instanceof ApiError && err.status === 403)
    return { title: 'This page is for the safeguarding team', message: err.message };
  return {
    title: 'The school view could not be loaded',
    message: err instanceof Error ? err.message : 'Reopen the tab and try again.',
  };
}

/** A friendly page in place of the school view, with the server's sentence on what to do. */
export function SchoolRefusal({ title, message }: Refusal): ReactNode {
  return (
    <>
      <Title3 as="h1">{title}</Title3>
      <Body1 as="p">{message}</Body1>
    </>
  );
}
