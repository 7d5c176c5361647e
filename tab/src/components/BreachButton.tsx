import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useState, useTransition, type ReactNode } from 'react';
import type { StatusView } from '../api/client.js';
import { dslDeliveryText } from './dslDeliveryText.js';

/**
 * "Report a breach": confirm, record it, say only what Teams confirmed about the DSL's copy (the
 * panel polls, so "not delivered yet" turns into "sent at", then into who is dealing with it, by
 * itself), then tell the teacher to end the call for everyone, because no API can do that for
 * them (seed 002 line 41).
 */
export function BreachButton({
  onReport,
  findings,
  timeZone,
  dslPhone,
}: {
  onReport: () => Promise<void>;
  findings: StatusView['findings'];
  timeZone: string;
  dslPhone?: string;
}): ReactNode {
  const [open, setOpen] = useState(false);
  const [reporting, startReporting] = useTransition();
  const [reported, setReported] = useState(false);
  // A refusal leaves the dialog open to try again; the panel says why.
  const confirm = () =>
    startReporting(async () => {
      try {
        await onReport();
      } catch {
        return;
      }
      setReported(true);
      setOpen(false);
    });
  return (
    <>
      <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
        <DialogTrigger disableButtonEnhancement>
          <Button appearance="primary">Report a breach</Button>
        </DialogTrigger>
        <DialogSurface aria-describedby="breach-explain">
          <DialogBody>
            <DialogTitle>Report a safeguarding breach?</DialogTitle>
            <DialogContent id="breach-explain">
              Chaperone sends it to the Designated Safeguarding Lead straight away and shows you when Teams has
              delivered it. You will then need to end the meeting for everyone.
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
              <Button appearance="primary" onClick={confirm} disabled={reporting}>
                Report breach
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {reported && (
        <MessageBar intent="error" layout="multiline" role="alert" data-testid="breach-receipt">
          <MessageBarBody>
            <MessageBarTitle>{`Breach reported. ${receipt(findings, timeZone, dslPhone)}`}</MessageBarTitle>
            End the call for everyone now: choose the arrow next to Leave, then "End meeting".
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** Who has the newest breach, in words; a school with no DSL set up is told to phone one. */
function receipt(findings: StatusView['findings'], timeZone: string, dslPhone: string | undefined): string {
  const newest = findings.filter((f) => f.ruleId === 'breach').sort((a, b) => (b.raisedAt ?? 0) - (a.raisedAt ?? 0))[0];
  const byPhone = dslPhone ? `by phone now: ${dslPhone}` : 'by phone now.';
  return (
    dslDeliveryText(newest, timeZone, dslPhone)?.text ??
    `Chaperone has no DSL to send it to: tell your DSL in person or ${byPhone}`
  );
}
