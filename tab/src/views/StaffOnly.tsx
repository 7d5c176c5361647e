import { Body1, Title3 } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Page } from '../components/Page.js';

/** Shown to pupils (and anyone not on the school's staff list): friendly, and nothing about the lesson. */
export function StaffOnly(): ReactNode {
  return (
    <Page>
      <Title3 as="h1">This panel is for staff only</Title3>
      <Body1 as="p">
        It helps your teachers run the lesson safely. You don't need to do anything here: you can close it and carry on
        with your lesson.
      </Body1>
      <Body1 as="p">If something worries you, tell a teacher or an adult you trust.</Body1>
    </Page>
  );
}
