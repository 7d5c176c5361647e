import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';

/**
 * "Report a breach": confirm, record it (the DSL is alerted at once), then tell the teacher to end
 * the call for everyone, because no API can do that for them (seed 002 line 41).
 */
export function BreachButton({ onReport }: { onReport: () => Promise<void> }): ReactNode {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reported, setReported] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onReport();
      setReported(true);
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
        <DialogTrigger disableButtonEnhancement>
          <Button appearance="primary">Report a breach</Button>
        </DialogTrigger>
        <DialogSurface aria-describedby="breach-explain">
          <DialogBody>
            <DialogTitle>Report a safeguarding breach?</DialogTitle>
            <DialogContent id="breach-explain">The Designated Safeguarding Lead is told straight away. You will then need to end the meeting for everyone.</DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" onClick={confirm} disabled={busy}>Report breach</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {reported && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Breach reported: the DSL has been alerted.</MessageBarTitle>
            End the call for everyone now: choose the arrow next to Leave, then "End meeting".
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
