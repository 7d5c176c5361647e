import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { FailureWords } from './bookingWords.js';

/** What went wrong with the last press of "Book" and what to do now, with the sentence for IT when there is one. */
export function BookingFailure({ failure }: { failure: FailureWords }): ReactNode {
  return (
    <>
      <MessageBar intent="error" layout="multiline" role="alert" data-testid="booking-failure">
        <MessageBarBody>
          <MessageBarTitle>{failure.title}</MessageBarTitle>
          {failure.message}
        </MessageBarBody>
      </MessageBar>
      {failure.forIt && (
        <MessageBar intent="info" layout="multiline" data-testid="booking-for-it">
          <MessageBarBody>
            <MessageBarTitle>Tell your IT team:</MessageBarTitle>
            {failure.forIt}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
