import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { BookingOutcome } from './bookingSubmission.js';
import { receiptWords, type ReceiptWords } from './bookingWords.js';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** What the server says it did, and the step that did not happen when there is one. */
export function ReceiptMessage({ words }: { words: ReceiptWords }): ReactNode {
  return (
    <>
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>{words.title}</MessageBarTitle>
          {words.details.join(' ')}
        </MessageBarBody>
      </MessageBar>
      {words.warning && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{words.warning}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** What the teacher sees once the server has booked the lesson, and only then. */
export function BookingReceipt({
  booked,
  staff,
  timeZone,
  onAnother,
}: Required<Pick<BookingOutcome, 'booked'>> &
  Pick<BookingOutcome, 'staff'> & {
    timeZone: string;
    onAnother: () => void;
  }): ReactNode {
  const styles = useStyles();
  return (
    <div className={styles.column} data-testid="booking-receipt">
      <ReceiptMessage words={receiptWords(booked, staff, timeZone)} />
      <div>
        <Button appearance="primary" onClick={onAnother}>
          Book another lesson
        </Button>
      </div>
    </div>
  );
}
