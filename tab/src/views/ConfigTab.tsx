import { Body1, MessageBar, MessageBarBody, Title3 } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { Page } from '../components/Page.js';
import { offerTabSettings } from '../teams/tabConfig.js';

/**
 * The page Teams shows while Chaperone is added to a meeting: what it will do, then "Save". It
 * needs no sign-in, so adding the tab works even before anyone has consented to the API.
 */
export default function ConfigTab(): ReactNode {
  const [problem, setProblem] = useState<string>();
  useEffect(() => offerTabSettings(window.location.origin, setProblem), []);
  return (
    <Page label="Add Chaperone to this meeting">
      <Title3 as="h1">Add Chaperone to this lesson</Title3>
      <Body1 as="p">
        During the lesson, staff get a side panel with the live checklist, the register and any alerts. Before it, the
        meeting's details show the school's policy and what to prepare. Pupils who open it only see a short "for staff
        only" page.
      </Body1>
      <Body1 as="p">Select Save to add it.</Body1>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
    </Page>
  );
}
