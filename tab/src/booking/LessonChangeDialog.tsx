import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { FormEvent, ReactNode } from 'react';
import { BookingFailure } from './BookingFailure.js';
import type { FailureWords } from './bookingWords.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Props of {@link LessonChangeDialog}. */
export interface LessonChangeDialogProps {
  /** False while it closes: Fluent plays its exit and gives the page back to screen readers before it goes. */
  open: boolean;
  title: string;
  /** The press is with the server: nothing can be pressed, and the dialog stays open until it answers. */
  busy: boolean;
  onSubmit: () => void;
  onClose: () => void;
  /** The button that makes the change, and what it says while the change is sent. */
  submit: { label: string; busyLabel: string };
  /** The button that leaves the lesson as it is. */
  closeLabel: string;
  failure: FailureWords | undefined;
  children: ReactNode;
}

/**
 * A modal dialog for cancelling or moving a booked lesson: its title names it to screen readers, Escape and "close"
 * leave the lesson as it is (not while a press is being answered), and the failure of the last press sits above the
 * buttons.
 */
export function LessonChangeDialog(props: LessonChangeDialogProps): ReactNode {
  const styles = useStyles();
  const { busy, onClose } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) props.onSubmit();
  };
  return (
    <Dialog open={props.open} modalType="modal" onOpenChange={(_, data) => !data.open && !busy && onClose()}>
      <DialogSurface aria-busy={busy}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={styles.content}>
              {props.children}
              {props.failure && !busy && <BookingFailure failure={props.failure} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy}>
                {busy ? props.submit.busyLabel : props.submit.label}
              </Button>
              <Button type="button" disabled={busy} onClick={onClose}>
                {props.closeLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
