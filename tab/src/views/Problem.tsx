import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Page } from '../components/Page.js';

/** A problem the person can act on, in the server's own words. */
export function Problem({ message }: { message: string }): ReactNode {
  return (
    <Page>
      <MessageBar intent="error">
        <MessageBarBody>{message}</MessageBarBody>
      </MessageBar>
    </Page>
  );
}
