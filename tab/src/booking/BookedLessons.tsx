import {
  Body1,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Api, Booker, BookingItem } from '../api/client.js';
import { BookedLessonItem } from './BookedLessonItem.js';
import { changeReceipt } from './bookedLessonWords.js';
import type { ReceiptWords } from './bookingWords.js';
import { CancelLessonDialog, type ChangeDialogProps } from './CancelLessonDialog.js';
import { MoveLessonDialog } from './MoveLessonDialog.js';
import { ReceiptMessage } from './BookingReceipt.js';
import { useBookedLessons } from './useBookedLessons.js';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalXL,
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
});

/** The dialog last opened: kept while it closes, and a new one (`n`) with fresh state for each opening. */
type Opened = { change: 'cancel' | 'move'; item: BookingItem; open: boolean; n: number } | undefined;

/**
 * "Your booked lessons", under the booking form: the teacher's own lessons that have not ended, each with "Move
 * lesson" and "Cancel lesson" (a cancelled one says so, and offers neither). Loaded again after a booking (`refresh`),
 * a cancel or a move; what a cancel or move came to is said above the list, once the server has made it.
 */
export function BookedLessons({ api, booker, refresh }: { api: Api; booker: Booker; refresh: number }): ReactNode {
  const styles = useStyles();
  const { load, reload, replace } = useBookedLessons(api, refresh);
  const [opened, setOpened] = useState<Opened>(undefined);
  const openFor = (change: 'cancel' | 'move', item: BookingItem) =>
    setOpened((o) => ({ change, item, open: true, n: (o?.n ?? 0) + 1 }));
  const close = () => setOpened((o) => o && { ...o, open: false });
  const [receipt, setReceipt] = useState<ReceiptWords>();
  const receiptRef = useRef<HTMLDivElement>(null);
  const timeZone = booker.rules.timeZone;
  // The dialog's button may be gone (a cancelled lesson has none): the receipt takes the focus.
  useEffect(() => receiptRef.current?.focus(), [receipt]);

  const dialog: Omit<ChangeDialogProps, 'item' | 'open'> = {
    api,
    booker,
    onClose: close,
    onChanged: (changed) => {
      replace(changed.booking);
      setReceipt(changeReceipt(changed, timeZone));
      close();
      reload();
    },
  };
  return (
    <section className={styles.section} aria-labelledby="booked-lessons-heading" aria-busy={load.kind === 'loading'}>
      <Subtitle1 as="h2" id="booked-lessons-heading">
        Your booked lessons
      </Subtitle1>
      {receipt && (
        <div ref={receiptRef} tabIndex={-1} data-testid="change-receipt">
          <ReceiptMessage words={receipt} />
        </div>
      )}
      {load.kind === 'loading' && <Spinner size="small" label="Loading your booked lessons..." />}
      {load.kind === 'failed' && (
        <>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>Your booked lessons could not be loaded. {load.message}</MessageBarBody>
          </MessageBar>
          <div>
            <Button onClick={reload}>Try again</Button>
          </div>
        </>
      )}
      {load.kind === 'ready' && load.lessons.length === 0 && (
        <Body1 as="p">You have no lessons booked through Chaperone that are still to come.</Body1>
      )}
      {load.kind === 'ready' && load.lessons.length > 0 && (
        <ul className={styles.list}>
          {load.lessons.map((item) => (
            <BookedLessonItem
              key={item.id}
              item={item}
              timeZone={timeZone}
              onCancel={() => openFor('cancel', item)}
              onMove={() => openFor('move', item)}
            />
          ))}
        </ul>
      )}
      {opened?.change === 'cancel' && (
        <CancelLessonDialog key={opened.n} {...dialog} item={opened.item} open={opened.open} />
      )}
      {opened?.change === 'move' && (
        <MoveLessonDialog key={opened.n} {...dialog} item={opened.item} open={opened.open} />
      )}
    </section>
  );
}
