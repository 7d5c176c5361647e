import {
  Button,
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import { useState, type ComponentType, type ReactNode } from 'react';
import type { Api } from '../api/client.js';
import type { ConcernFormProps } from './ConcernForm.js';
import { FORM_NOT_LOADED } from './loadWords.js';

/**
 * "Log a concern": loads the concern form on first use, then opens it. The form is loaded before
 * the dialog opens so the dialog has its fields when it takes focus (screen readers need that).
 * A failed load says so beside the button, with what to do instead.
 */
export function ConcernEntry({
  api,
  meetingId,
  title,
  pupils,
}: {
  api: Api;
  meetingId?: string;
  title?: string;
  pupils?: string[];
}): ReactNode {
  const [Form, setForm] = useState<ComponentType<ConcernFormProps>>();
  const [open, setOpen] = useState(false);
  const [notLoaded, setNotLoaded] = useState(false);
  const start = async () => {
    if (!Form) {
      try {
        const loaded = (await import('./ConcernForm.js')).default;
        setForm(() => loaded);
      } catch {
        setNotLoaded(true);
        return;
      }
    }
    setNotLoaded(false);
    setOpen(true);
  };
  return (
    <>
      <Button onClick={() => void start()}>Log a concern</Button>
      {notLoaded && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{FORM_NOT_LOADED}</MessageBarBody>
        </MessageBar>
      )}
      {Form && (
        <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Log a safeguarding concern</DialogTitle>
              <DialogContent>
                <Form api={api} meetingId={meetingId} title={title} pupils={pupils} onDone={() => setOpen(false)} />
              </DialogContent>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
}
