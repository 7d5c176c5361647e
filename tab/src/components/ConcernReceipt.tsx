import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { addLaterWords, receiptWords } from '../../../bot/src/app/concerns/receiptWords.js';
import type { ConcernReceipt as Receipt } from '../api/client.js';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** What the teacher sees once the concern is logged: the reference to quote, and what happens next. */
export function ConcernReceipt({ receipt, onDone }: { receipt: Receipt; onDone: () => void }): ReactNode {
  const styles = useStyles();
  const words = receiptWords(receipt.reach, receipt.dslPhone);
  return (
    <div className={styles.column}>
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>
            {receipt.duplicate ? 'This concern was already logged.' : 'Concern logged.'}
          </MessageBarTitle>
          {words.told} Your reference is <strong data-testid="concern-ref">{receipt.ref}</strong>.{' '}
          {addLaterWords(receipt.ref, 'panel')}
        </MessageBarBody>
      </MessageBar>
      {words.warning && (
        <MessageBar intent="warning" role="alert">
          <MessageBarBody>{words.warning}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" onClick={onDone}>
          Close
        </Button>
      </div>
    </div>
  );
}
