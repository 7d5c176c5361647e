import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/**
 * The "End meeting for everyone" reminder: prominent near the end, otherwise a quiet note, and
 * nothing once the lesson has ended. Hanging up with "Leave" keeps the call open for pupils still in it
 * (seed 003, seed 000 #10).
 */
export function EndReminder({ urgent, ended }: { urgent: boolean; ended: boolean }): ReactNode {
  if (ended) return null;
  return (
    <MessageBar intent={urgent ? 'warning' : 'info'} layout="multiline" data-testid="end-reminder">
      <MessageBarBody>
        <MessageBarTitle>{urgent ? 'Time to close the lesson' : 'When the lesson ends'}</MessageBarTitle>
        Ask pupils to leave first, then choose the arrow next to Leave and pick "End meeting" so the call closes for
        everyone.
      </MessageBarBody>
    </MessageBar>
  );
}
