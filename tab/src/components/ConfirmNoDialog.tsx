import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** The "No" waiting for confirmation: which check, for whom, and what Chaperone will then tell staff to do. */
export interface PendingNo {
  label: string;
  pupilName: string;
  ifNo: string;
}

/**
 * Asks before a check is recorded as "No", because "No" makes Chaperone tell staff to act (often to remove the pupil).
 */
export function ConfirmNoDialog({
  pending,
  onConfirm,
  onCancel,
}: {
  pending?: PendingNo;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactNode {
  return (
    <Dialog open={pending !== undefined} onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby="confirm-no-explain">
        {pending && (
          <DialogBody>
            <DialogTitle>{`Record "No" for ${pending.label}: ${pending.pupilName}?`}</DialogTitle>
            <DialogContent id="confirm-no-explain">
              {`If you record No, Chaperone tells the staff in this lesson: "${pending.ifNo}" If you have not checked yet, choose Not yet instead.`}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onCancel}>
                Cancel
              </Button>
              <Button appearance="primary" onClick={onConfirm}>
                Record No
              </Button>
            </DialogActions>
          </DialogBody>
        )}
      </DialogSurface>
    </Dialog>
  );
}
