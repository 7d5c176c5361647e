import { Body1 } from '@fluentui/react-components';
import { startTransition, useActionState, type ReactNode } from 'react';
import type { Api, Booker, BookingItem } from '../api/client.js';
import { cancelQuestion } from './bookedLessonWords.js';
import { askConsent } from './consent.js';
import { LessonChangeDialog } from './LessonChangeDialog.js';
import { NOTHING_SENT, sendChange, type ChangeOutcome } from './lessonChangeSubmission.js';

/** Props of the cancel and move dialogs. */
export interface ChangeDialogProps {
  api: Pick<Api, 'cancelBooking' | 'moveBooking'>;
  booker: Booker;
  item: BookingItem;
  /** False once it is closing. */
  open: boolean;
  /** The server cancelled or moved the lesson: its answer. */
  onChanged: (changed: NonNullable<ChangeOutcome['changed']>) => void;
  onClose: () => void;
}

/** "Cancel this lesson?": asks before anything is sent; the dialog closes only once the server has cancelled it. */
export function CancelLessonDialog({ api, booker, item, open, onChanged, onClose }: ChangeDialogProps): ReactNode {
  const timeZone = booker.rules.timeZone;
  const [outcome, cancel, busy] = useActionState(async (previous: ChangeOutcome): Promise<ChangeOutcome> => {
    if (previous.changed) return previous;
    const next = await sendChange(
      'cancel',
      () => api.cancelBooking(item.id),
      () => askConsent(booker.consent),
    );
    if (next.changed) onChanged(next.changed);
    return next;
  }, NOTHING_SENT);
  return (
    <LessonChangeDialog
      open={open}
      title="Cancel this lesson?"
      busy={busy}
      onSubmit={() => startTransition(() => cancel())}
      onClose={onClose}
      submit={{ label: 'Cancel the lesson', busyLabel: 'Cancelling...' }}
      closeLabel="Keep the lesson"
      failure={outcome.failure}
    >
      <Body1 as="p">{cancelQuestion(item, timeZone)}</Body1>
    </LessonChangeDialog>
  );
}
