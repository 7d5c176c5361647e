import { Body1, Title3 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Page } from '../components/Page.js';

/** Shown when the page is opened outside Teams (a plain browser tab): it only works inside Teams. */
export function OpenInTeams(): ReactNode {
  return (
    <Page>
      <Title3 as="h1">Open this in Microsoft Teams</Title3>
      <Body1 as="p">
        Chaperone's panel works inside a Teams lesson meeting. Join the meeting in Teams and open Chaperone from the meeting's apps.
      </Body1>
    </Page>
  );
}
