import { Button, Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner } from '@fluentui/react-components';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { Api } from '../api/client.js';

const ConcernForm = lazy(() => import('./ConcernForm.js'));

/** "Log a concern": opens the concern form (loaded only when asked for). */
export function ConcernEntry({ api, meetingId, title }: { api: Api; meetingId?: string; title?: string }): ReactNode {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Log a concern</Button>
      <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Log a safeguarding concern</DialogTitle>
          <DialogContent>
            <Suspense fallback={<Spinner label="Opening the form..." />}>
              {open && <ConcernForm api={api} meetingId={meetingId} title={title} onDone={() => setOpen(false)} />}
            </Suspense>
          </DialogContent>
        </DialogBody>
      </DialogSurface>
      </Dialog>
    </>
  );
}
